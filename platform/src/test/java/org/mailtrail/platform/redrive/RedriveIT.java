package org.mailtrail.platform.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The redrive against a real broker: dead letters as the platform's ConsumerFailures writes them. */
class RedriveIT {

    private static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker broker;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1",
                "auto.create.topics.enable", "false", "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0"));
        broker.afterPropertiesSet();
        bootstrap = broker.getBrokersAsString().replace("localhost", "127.0.0.1");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.MAIL_RECEIVED, PARTITIONS, (short) 1),
                    new NewTopic(Topics.INTERACTION_EVENTS, PARTITIONS, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void movesEachDeadLetterToItsOriginalTopicAndPartitionWithItsKeyValueAndHeadersThenCommits() throws Exception {
        String dlq = deadLetterTopic();
        deadLetters(dlq,
                DeadLetter.of(Topics.MAIL_RECEIVED, 2, "c-1/m-1", "{\"mail\":1}"),
                DeadLetter.of(Topics.INTERACTION_EVENTS, 1, "contact-7", "{\"interaction\":7}"),
                DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-1/m-2", "{\"mail\":2}"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Redrive.run(new String[] { "--bootstrap-servers", bootstrap, "--dlq", dlq },
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, new DeadLetterRedrive());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("moved 3 records from " + dlq)
                .containsPattern("mail\\.received\\.v1 +2").containsPattern("interaction\\.events\\.v1 +1");
        List<ConsumerRecord<byte[], byte[]>> mail = awaitRedriven(Topics.MAIL_RECEIVED, dlq, 2);
        assertThat(mail).extracting(r -> text(r.key()), r -> text(r.value()), ConsumerRecord::partition)
                .containsExactlyInAnyOrder(tuple("c-1/m-1", "{\"mail\":1}", 2),
                        tuple("c-1/m-2", "{\"mail\":2}", 0));
        ConsumerRecord<byte[], byte[]> first = mail.stream().filter(r -> text(r.key()).equals("c-1/m-1")).findFirst()
                .orElseThrow();
        assertThat(headerKeys(first)).contains("ce_id", "ce_type", "x-original-topic", "x-original-partition",
                "x-redriven-from").doesNotContain("x-exception-message", "x-exception-fqcn", "x-exception-stacktrace");
        assertThat(text(first.headers().lastHeader("ce_id").value())).isEqualTo("event-c-1/m-1");
        assertThat(text(first.headers().lastHeader("x-redriven-from").value())).isEqualTo(dlq + "-0@0");
        List<ConsumerRecord<byte[], byte[]>> interactions = awaitRedriven(Topics.INTERACTION_EVENTS, dlq, 1);
        assertThat(interactions).extracting(r -> text(r.key()), ConsumerRecord::partition)
                .containsExactly(tuple("contact-7", 1));
        assertThat(committed(dlq)).isEqualTo(Map.of(new TopicPartition(dlq, 0), 3L));

        DeadLetterRedrive.Report again = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));
        assertThat(again.moved()).isZero();
        assertThat(recordsOn(Topics.MAIL_RECEIVED, dlq)).hasSize(2);
    }

    @Test
    void movesADeadLetterOfTheMatchersMailDeadLettersBackToThoseItIsCountedFrom() throws Exception {
        String mailDeadLetters = Topics.deadLetter(Topics.MAIL_RECEIVED, "interaction-matcher");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(mailDeadLetters, PARTITIONS, (short) 1))).all().get();
        }
        String dlq = deadLetterTopic();
        deadLetters(dlq, DeadLetter.of(mailDeadLetters, 1, "c-6/m-1", "{}"));

        DeadLetterRedrive.Report report = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));

        assertThat(report.movedPerTopic()).isEqualTo(Map.of(mailDeadLetters, 1L));
        assertThat(awaitRedriven(mailDeadLetters, dlq, 1)).extracting(r -> text(r.key()), ConsumerRecord::partition)
                .containsExactly(tuple("c-6/m-1", 1));
    }

    @Test
    void aDryRunCountsWhatWouldMoveAndSendsAndCommitsNothing() throws Exception {
        String dlq = deadLetterTopic();
        deadLetters(dlq, DeadLetter.of(Topics.MAIL_RECEIVED, 1, "c-2/m-1", "{}"),
                DeadLetter.of(Topics.MAIL_RECEIVED, 1, "c-2/m-2", "{}"));

        DeadLetterRedrive.Report report = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq, "--dry-run"));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.movedPerTopic()).isEqualTo(Map.of(Topics.MAIL_RECEIVED, 2L));
        assertThat(committed(dlq)).isEmpty();
        DeadLetterRedrive.Report real = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));
        assertThat(real.moved()).isEqualTo(2);
        assertThat(awaitRedriven(Topics.MAIL_RECEIVED, dlq, 2)).hasSize(2);
    }

    @Test
    void movesAtMostMaxRecordsAndTheNextRunGoesOnFromThere() throws Exception {
        String dlq = deadLetterTopic();
        deadLetters(dlq, DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-3/m-1", "{}"),
                DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-3/m-2", "{}"),
                DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-3/m-3", "{}"));

        DeadLetterRedrive.Report first = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq, "--max", "2"));

        assertThat(first.moved()).isEqualTo(2);
        assertThat(committed(dlq)).isEqualTo(Map.of(new TopicPartition(dlq, 0), 2L));
        DeadLetterRedrive.Report rest = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));
        assertThat(rest.moved()).isEqualTo(1);
        assertThat(awaitRedriven(Topics.MAIL_RECEIVED, dlq, 3)).extracting(r -> text(r.key()))
                .containsExactlyInAnyOrder("c-3/m-1", "c-3/m-2", "c-3/m-3");
    }

    @Test
    void stopsAtARecordWhoseOriginalTopicIsNotAMailtrailTopicAndLeavesItUncommitted() throws Exception {
        String dlq = deadLetterTopic();
        deadLetters(dlq, DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-4/m-1", "{}"),
                DeadLetter.of("payroll.v1", 0, "c-4/m-2", "{}"),
                DeadLetter.of(Topics.MAIL_RECEIVED, 0, "c-4/m-3", "{}"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Redrive.run(new String[] { "--bootstrap-servers", bootstrap, "--dlq", dlq }, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new DeadLetterRedrive());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("refused " + dlq + "-0@1: x-original-topic 'payroll.v1' is not a mailtrail topic")
                .contains("not committed");
        assertThat(committed(dlq)).isEqualTo(Map.of(new TopicPartition(dlq, 0), 1L));
        assertThat(awaitRedriven(Topics.MAIL_RECEIVED, dlq, 1)).extracting(r -> text(r.key()))
                .containsExactly("c-4/m-1");
        DeadLetterRedrive.Report again = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));
        assertThat(again.moved()).isZero();
        assertThat(again.refusal()).hasValue(dlq + "-0@1: x-original-topic 'payroll.v1' is not a mailtrail topic");
    }

    @Test
    void stopsAtARecordWithoutAnOriginalTopic() throws Exception {
        String dlq = deadLetterTopic();
        deadLetters(dlq, new DeadLetter("c-5/m-1", "{}", List.of(utf8("ce_id", "event-c-5/m-1"))));

        DeadLetterRedrive.Report report = new DeadLetterRedrive().run(RedriveOptions.parse("--bootstrap-servers",
                bootstrap, "--dlq", dlq));

        assertThat(report.refusal()).hasValue(dlq + "-0@0 has no x-original-topic header");
        assertThat(committed(dlq)).isEmpty();
    }

    @Test
    void saysWhatIsWrongWithACommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Redrive.run(new String[] { "--bootstrap-servers", bootstrap }, System.out, errors,
                new DeadLetterRedrive())).isEqualTo(2);
        assertThat(Redrive.run(new String[] { "--bootstrap-servers", bootstrap, "--dlq", Topics.MAIL_RECEIVED },
                System.out, errors, new DeadLetterRedrive())).isEqualTo(2);
        assertThat(Redrive.run(new String[] { "--bootstrap-servers", bootstrap, "--dlq", "a.v1.g.dlq", "--max", "x" },
                System.out, errors, new DeadLetterRedrive())).isEqualTo(2);
        assertThat(Redrive.run(new String[] { "--bootstrap-servers", bootstrap, "--dlq", "absent.v1.g.dlq" },
                System.out, errors, new DeadLetterRedrive())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("redrive: --dlq is required")
                .contains("redrive: --dlq mail.received.v1 is not a dead-letter topic")
                .contains("redrive: --max x is not a number of records")
                .contains("redrive: no topic absent.v1.g.dlq on the broker")
                .contains("usage: redrive --bootstrap-servers HOST:PORT --dlq");
    }

    /** A record as ConsumerFailures dead-letters it: the original headers, then x-original-* and x-exception-*. */
    private record DeadLetter(String key, String value, List<Header> headers) {

        static DeadLetter of(String originalTopic, int originalPartition, String key, String value) {
            return new DeadLetter(key, value, List.of(utf8("ce_id", "event-" + key),
                    utf8("ce_type", "org.mailtrail.mail.MailReceived"), utf8("x-original-topic", originalTopic),
                    new RecordHeader("x-original-partition", ByteBuffer.allocate(4).putInt(originalPartition).array()),
                    new RecordHeader("x-original-offset", ByteBuffer.allocate(8).putLong(41).array()),
                    utf8("x-original-consumer-group", "interaction-matcher"),
                    utf8("x-exception-fqcn", "java.lang.IllegalStateException"),
                    utf8("x-exception-message", "the directory was not loaded"),
                    utf8("x-exception-stacktrace", "java.lang.IllegalStateException: …")));
        }
    }

    private static Header utf8(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh dead-letter topic of one partition, as a test's own. */
    private static String deadLetterTopic() throws Exception {
        String name = "mail.received.v1.test-" + UUID.randomUUID().toString().substring(0, 8) + ".dlq";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return name;
    }

    private static void deadLetters(String topic, DeadLetter... records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (DeadLetter record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.key().getBytes(StandardCharsets.UTF_8),
                        record.value().getBytes(StandardCharsets.UTF_8), record.headers())).get();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitRedriven(String topic, String from, int count) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            found.clear();
            found.addAll(recordsOn(topic, from));
            assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        });
        return found;
    }

    /** The records on {@code topic} that were redriven from the dead-letter topic {@code from}. */
    private static List<ConsumerRecord<byte[], byte[]>> recordsOn(String topic, String from) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().filter(r -> {
                Header header = r.headers().lastHeader("x-redriven-from");
                return header != null && text(header.value()).startsWith(from + "-");
            }).toList();
        }
    }

    /** The redrive group's committed offsets on the topic. */
    private static Map<TopicPartition, Long> committed(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(RedriveOptions.DEFAULT_GROUP).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> found = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    found.put(partition, offset.offset());
                }
            });
            return found;
        }
    }

    private static Set<String> headerKeys(ConsumerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key)
                .collect(Collectors.toSet());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
