package org.mailtrail.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Traces as an on-call engineer follows them: trace ids in the services' log lines and on Kafka records. */
final class Traces {

    /** The trace and span ids Boot's correlation pattern writes in a text log line. */
    private static final Pattern CORRELATION = Pattern.compile("\\b([0-9a-f]{32})[-,]([0-9a-f]{16})\\]");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    /** The trace ids of the lines of a service's log, from byte {@code from} on, that contain {@code text}. */
    static Set<String> inLog(Path log, long from, String text) throws IOException {
        String lines;
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> traceIds = new LinkedHashSet<>();
        for (String line : lines.split("\n")) {
            if (line.contains(text)) {
                Matcher correlation = CORRELATION.matcher(line);
                if (!correlation.find()) {
                    throw new AssertionError("no trace id in the log line: " + line);
                }
                traceIds.add(correlation.group(1));
            }
        }
        return traceIds;
    }

    /** The trace id of the W3C {@code traceparent} a record carries. */
    static String ofRecord(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        if (header == null) {
            throw new AssertionError("no traceparent on the record " + record.key() + " of " + record.topic());
        }
        String traceparent = new String(header.value(), StandardCharsets.UTF_8);
        Matcher parsed = TRACEPARENT.matcher(traceparent);
        if (!parsed.matches()) {
            throw new AssertionError("not a W3C traceparent on " + record.topic() + ": " + traceparent);
        }
        return parsed.group(1);
    }

    /** The record of CloudEvents type {@code type} on {@code topic} whose value contains {@code text}, if any. */
    static Optional<ConsumerRecord<String, String>> record(String bootstrapServers, String topic, String type,
            String text) {
        return firstRecord(bootstrapServers, topic, record -> {
            Header ceType = record.headers().lastHeader("ce_type");
            return record.value() != null && record.value().contains(text) && ceType != null
                    && type.equals(new String(ceType.value(), StandardCharsets.UTF_8));
        });
    }

    /** The first record on {@code topic}, read from its start for up to five seconds, that is {@code wanted}. */
    static Optional<ConsumerRecord<String, String>> firstRecord(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Every record on {@code topic}, read from its start to the end it had when asked, within a minute. */
    static List<ConsumerRecord<String, String>> allRecords(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within a minute");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** A W3C traceparent as a caller outside mailtrail would send it, sampled. */
    static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Traces() {
    }
}
