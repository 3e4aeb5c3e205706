package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * With MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS and MAILTRAIL_MONGODB_URI set to a running broker and server (here: the
 * JVM's shared ones, reached only by address), the provider uses them and starts nothing.
 */
class EnvironmentAddressesIT {

    @Test
    void usesTheBrokerAndServerTheEnvironmentNamesAndStartsNothingElse() {
        String runningBroker = TestInfrastructure.shared().kafka().bootstrapServers();
        String runningMongo = TestInfrastructure.shared().mongo().uri("admin");
        TestInfrastructure fromEnvironment = new TestInfrastructure(
                Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", runningBroker, "MAILTRAIL_MONGODB_URI", runningMongo),
                () -> {
                    throw new AssertionError("Docker must not be asked when the environment gives addresses");
                });

        KafkaInfrastructure kafka = fromEnvironment.kafka();
        MongoInfrastructure mongo = fromEnvironment.mongo();

        assertThat(kafka.backend()).isEqualTo(Backend.ENVIRONMENT);
        assertThat(kafka.bootstrapServers()).isEqualTo(runningBroker);
        assertThat(mongo.backend()).isEqualTo(Backend.ENVIRONMENT);
        assertThat(mongo.uri("it_environment")).isEqualTo(runningMongo.replace("/admin", "/it_environment"));

        String topic = "env." + UUID.randomUUID();
        KafkaTopicProbe probe = new KafkaTopicProbe(kafka.bootstrapServers());
        probe.send(topic, "k", "through the environment's broker".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(probe.find(topic, "k", Duration.ofSeconds(20))).isPresent();

        try (MongoClient client = MongoClients.create(mongo.uri("it_environment"))) {
            client.getDatabase("it_environment").getCollection("probe").insertOne(new Document("seen", true));
            assertThat(client.getDatabase("it_environment").getCollection("probe").countDocuments()).isEqualTo(1);
        }

        fromEnvironment.stop();
        assertThat(probe.find(topic, "k", Duration.ofSeconds(20))).as("stop() leaves a broker it did not start alone")
                .isPresent();
    }
}
