package org.mailtrail.testsupport;

/** A Kafka broker for tests: where it came from and how to reach it. */
public interface KafkaInfrastructure extends AutoCloseable {

    Backend backend();

    String bootstrapServers();

    @Override
    void close();
}
