package org.mailtrail.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Apache Kafka broker in KRaft mode, running inside the test JVM on an ephemeral port. */
final class EmbeddedKafka implements KafkaInfrastructure {

    private static final int DEFAULT_PARTITIONS = 3;

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        // Loopback only, and no initial rebalance delay: consumer groups in tests join at once.
        broker.brokerProperties(Map.of(
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5",
                "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0"));
        broker.afterPropertiesSet();
        return new EmbeddedKafka(broker);
    }

    @Override
    public Backend backend() {
        return Backend.EMBEDDED;
    }

    @Override
    public String bootstrapServers() {
        // The listener is bound to 127.0.0.1 above; the test kit still names it localhost.
        return broker.getBrokersAsString().replace("localhost", "127.0.0.1");
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
