package org.mailtrail.testsupport;

/** A broker somebody else runs; closing it is not ours to do. */
record ExternalKafka(String bootstrapServers) implements KafkaInfrastructure {

    @Override
    public Backend backend() {
        return Backend.ENVIRONMENT;
    }

    @Override
    public void close() {
    }
}
