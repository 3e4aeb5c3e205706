package org.mailtrail.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for secrets in what a run left where people and other systems can read it: log files, Kafka records
 * (keys, values, header values) and HTTP responses (status line aside: headers and body). A finding names the
 * secret and the place, never the secret's value, so the report of a leak does not leak it again.
 */
final class LeakScan {

    /** One secret found in one place. */
    record Leak(String secret, String where) {
    }

    private final Map<String, Pattern> secrets;
    private final List<Leak> leaks = new ArrayList<>();
    private final Set<String> logFiles = new TreeSet<>();
    private final Set<String> topics = new TreeSet<>();
    private long logLines;
    private long records;
    private long responses;

    /** @param secrets name → what the secret looks like ({@link #literal}); the name is what a finding reports */
    LeakScan(Map<String, Pattern> secrets) {
        this.secrets = new LinkedHashMap<>(secrets);
    }

    /** A secret that is one exact value. */
    static Pattern literal(String value) {
        if (value == null || value.length() < 8) {
            throw new IllegalArgumentException("a secret of fewer than 8 characters cannot be found meaningfully");
        }
        return Pattern.compile(Pattern.quote(value));
    }

    /** Every line of every file under {@code directory}. */
    LeakScan logs(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                logFiles.add(directory.relativize(file).toString());
                // Latin-1 reads any byte sequence; the secrets are ASCII, so nothing is missed by decoding.
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    look(lines.get(i), file.getFileName() + ":" + (i + 1));
                }
                logLines += lines.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every record of every topic on the broker, dead-letter topics included, from the first offset to the last. */
    LeakScan topics(String bootstrapServers) {
        Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(common)) {
            Set<String> names = admin.listTopics().names().get();
            topics.addAll(names);
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String where = "topic " + record.topic() + "-" + record.partition() + "@" + record.offset();
                    look(text(record.key()), where + " key");
                    look(text(record.value()), where + " value");
                    for (Header header : record.headers()) {
                        look(text(header.value()), where + " header " + header.key());
                    }
                    records++;
                }
            }
        }
        return this;
    }

    /** Every header and the body of every response. */
    LeakScan responses(Collection<Api.Response> received) {
        for (Api.Response response : received) {
            String where = "response " + response.status() + " to " + response.raw().request().method() + " "
                    + response.raw().request().uri();
            response.raw().headers().map().forEach((name, values) -> values.forEach(
                    value -> look(value, where + " header " + name)));
            look(response.raw().body(), where + " body");
            responses++;
        }
        return this;
    }

    List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    Set<String> logFiles() {
        return logFiles;
    }

    Set<String> topics() {
        return topics;
    }

    long logLines() {
        return logLines;
    }

    long records() {
        return records;
    }

    long responsesScanned() {
        return responses;
    }

    @Override
    public String toString() {
        return logLines + " log lines in " + logFiles + ", " + records + " records of " + topics + ", " + responses
                + " responses";
    }

    private void look(String text, String where) {
        if (text == null) {
            return;
        }
        secrets.forEach((name, secret) -> {
            if (secret.matcher(text).find()) {
                leaks.add(new Leak(name, where));
            }
        });
    }

    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
