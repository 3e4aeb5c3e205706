package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrail.events.Topics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The local run's broker and MongoDB server are real, separate processes that keep their data. */
class LocalInfrastructureIT {

    private static final Path TOPICS = Path.of("../deploy/kafka/topics.tsv");

    @TempDir
    Path data;

    @Test
    void runsABrokerWithEveryTopicAsDeclared() throws Exception {
        LocalKafka kafka = new LocalKafka(data, freePort(), freePort(), data.resolve("logs"));
        try {
            kafka.start(Duration.ofSeconds(90));
            List<TopicSpec> topics = TopicSpec.read(TOPICS);
            kafka.createTopics(topics);
            kafka.createTopics(topics);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<String, TopicDescription> described = admin.describeTopics(
                        Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList()).allTopicNames().get();
                for (TopicSpec topic : topics) {
                    assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                    Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
                    assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                    assertThat(config.get("retention.ms").value()).as(topic.name())
                            .isEqualTo(String.valueOf(topic.retentionMs()));
                    assertThat(config.get("segment.ms").value()).as(topic.name())
                            .isEqualTo(String.valueOf(topic.segmentMs()));
                }
            }
        } finally {
            kafka.stop();
        }
        assertThat(kafka.process().isAlive()).isFalse();
    }

    @Test
    void keepsMongoDataAcrossARestart() throws Exception {
        int port = freePort();
        ManagedProcess first = mongo(port).start().awaitPort(port, Duration.ofSeconds(30));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("mailtrail_matcher").getCollection("interactions").insertOne(new Document("_id", "i-1"));
        } finally {
            first.stop();
        }

        ManagedProcess second = mongo(port).start().awaitPort(port, Duration.ofSeconds(30));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(client.getDatabase("mailtrail_matcher").getCollection("interactions").countDocuments())
                    .isEqualTo(1);
        } finally {
            second.stop();
        }
        assertThat(second.isAlive()).isFalse();
    }

    private ManagedProcess mongo(int port) {
        return ManagedProcess.java("mongo", LocalMongoServer.class.getName(), List.of("-Xmx256m"),
                List.of(String.valueOf(port), data.resolve("mongo").toString()), Map.of(), data.resolve("logs/mongo.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
