package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrail.events.Topics;

/**
 * deploy/kafka/create-topics.sh, as compose's kafka-init runs it, against stand-ins of the Kafka distribution's
 * kafka-topics.sh and kafka-configs.sh that write down how they were called.
 */
class CreateTopicsScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final TopicList TOPICS = TopicList.read(ROOT.resolve("deploy/kafka/topics.tsv"));

    @TempDir
    Path kafkaHome;

    private Path calls;

    @BeforeEach
    void standInKafkaTools() throws IOException {
        calls = kafkaHome.resolve("calls");
        Files.createDirectories(kafkaHome.resolve("bin"));
        for (String tool : List.of("kafka-topics.sh", "kafka-configs.sh")) {
            Path script = kafkaHome.resolve("bin").resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\n");
            script.toFile().setExecutable(true);
        }
    }

    @Test
    void createsEveryTopicWithItsPartitionsAndGivesItItsSettings() throws Exception {
        Result result = run(Map.of());

        assertThat(result.exit()).as(result.output()).isZero();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(2 * TOPICS.topics().size());
        for (TopicList.Topic topic : TOPICS.topics()) {
            assertThat(lines).as(topic.name()).contains(
                    "kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic " + topic.name()
                            + " --partitions " + topic.partitions() + " --replication-factor 1",
                    "kafka-configs.sh --bootstrap-server kafka:9092 --alter --entity-type topics --entity-name "
                            + topic.name() + " --add-config cleanup.policy=" + topic.cleanupPolicy() + ",retention.ms="
                            + topic.retentionMs() + ",segment.ms=" + topic.segmentMs());
        }
    }

    @Test
    void takesRetentionOverridesFromTheEnvironmentATopicsOwnBeforeTheDeadLettersOne() throws Exception {
        String dlq = Topics.deadLetter(Topics.MAIL_RECEIVED, "interaction-matcher");
        Result result = run(Map.of("RETENTION_MAIL_RECEIVED_V1_MS", "86400000", "RETENTION_DEAD_LETTERS_MS", "3600000",
                "RETENTION_MAIL_RECEIVED_V1_INTERACTION_MATCHER_DLQ_MS", "-1", "RETENTION_MAIL_ARCHIVED_V1_MS", ""));

        assertThat(result.exit()).as(result.output()).isZero();
        String lines = Files.readString(calls);
        assertThat(lines).contains("--entity-name mail.received.v1 --add-config cleanup.policy=delete,retention.ms=86400000,")
                .contains("--entity-name " + dlq + " --add-config cleanup.policy=delete,retention.ms=-1,")
                .contains("--entity-name " + Topics.deadLetter(Topics.MAIL_ARCHIVED, "interaction-matcher")
                        + " --add-config cleanup.policy=delete,retention.ms=3600000,")
                .contains("--entity-name mail.archived.v1 --add-config cleanup.policy=delete,retention.ms="
                        + TOPICS.named(Topics.MAIL_ARCHIVED).retentionMs() + ",")
                .contains("--entity-name interaction.events.v1 --add-config cleanup.policy=delete,retention.ms="
                        + TOPICS.named(Topics.INTERACTION_EVENTS).retentionMs() + ",");
    }

    @Test
    void refusesAnOverrideThatIsNotMillisecondsBeforeTouchingTheBroker() throws Exception {
        Result result = run(Map.of("RETENTION_OPPORTUNITY_EVENTS_V1_MS", "30d"));

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("RETENTION_OPPORTUNITY_EVENTS_V1_MS=30d is not a number of milliseconds or -1");
        assertThat(calls).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private Result run(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", ROOT.resolve("deploy/kafka/create-topics.sh").toString(),
                "kafka:9092").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RETENTION_") || name.equals("REPLICATION_FACTOR"));
        builder.environment().put("KAFKA_HOME", kafkaHome.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("create-topics.sh finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
