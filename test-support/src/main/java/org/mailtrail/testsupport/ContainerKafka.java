package org.mailtrail.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** The official apache/kafka image in KRaft mode, where a Docker engine answers. */
final class ContainerKafka implements KafkaInfrastructure {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public Backend backend() {
        return Backend.TESTCONTAINERS;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
