package org.mailtrail.platform.redrive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.mailtrail.events.Topics;

/**
 * Moves the records of a dead-letter topic back to the topic each failed on, named by its {@code x-original-topic}
 * header (the platform's {@code ConsumerFailures} writes it, as the binder would). Each goes back with its key, its
 * value and its headers, less the {@code x-exception-*} ones that described the failure, plus
 * {@code x-redriven-from} (the dead letter's topic, partition and offset); to its original partition where the
 * topic still has it, so that it stays in order with its key's other records.
 * <p>
 * The run starts where the redrive group's committed offsets say and ends at the end the topic has when it starts,
 * so a record that fails again and comes back is not moved twice in one run. Each poll's records are sent, every
 * send is acknowledged by the broker, and only then are their offsets committed: a crash re-sends records, it
 * never loses one, and the consumers drop a repeat by its event id. A record without an original topic, or whose
 * original topic is not a mailtrail topic, stops the run: it is reported, not moved and not committed.
 */
public final class DeadLetterRedrive {

    public static final String ORIGINAL_TOPIC = "x-original-topic";
    public static final String ORIGINAL_PARTITION = "x-original-partition";
    public static final String REDRIVEN_FROM = "x-redriven-from";

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The topics a dead letter may go back to: the contract's, and the dead-letter topics a binding reads (a dead
     * letter of the matcher's mail dead letters goes back to those).
     */
    private static final Set<String> DESTINATIONS = Set.copyOf(
            Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList());

    /** What a run did, or in a dry run would have done. */
    public record Report(String deadLetterTopic, boolean dryRun, Map<String, Long> movedPerTopic,
            Optional<String> refusal) {

        public long moved() {
            return movedPerTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Report run(RedriveOptions options) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(options));
                KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null
                        : new KafkaProducer<>(producerConfig(options))) {
            return new Run(options, consumer, producer).execute();
        }
    }

    private static Map<String, Object> consumerConfig(RedriveOptions options) {
        Map<String, Object> config = new HashMap<>(options.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, options.group() + "-consumer");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Asking for an original topic's partitions must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> producerConfig(RedriveOptions options) {
        Map<String, Object> config = new HashMap<>(options.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, options.group() + "-producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** One run's state: where each partition ends, what was moved. */
    private static final class Run {

        private final RedriveOptions options;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Map<String, Long> moved = new TreeMap<>();
        private final Map<String, Integer> partitionCounts = new HashMap<>();
        private long count;

        Run(RedriveOptions options, KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
            this.options = options;
            this.consumer = consumer;
            this.producer = producer;
        }

        Report execute() {
            List<PartitionInfo> described = consumer.partitionsFor(options.deadLetterTopic(), TIMEOUT);
            if (described == null || described.isEmpty()) {
                throw new IllegalStateException("no topic " + options.deadLetterTopic() + " on the broker");
            }
            List<TopicPartition> partitions = described.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
            Set<TopicPartition> remaining = new HashSet<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                // Records deleted by retention before this run are gone: start at the first one kept.
                long from = Math.max(done == null ? 0 : done.offset(), starts.get(partition));
                consumer.seek(partition, from);
                if (from < ends.get(partition)) {
                    remaining.add(partition);
                } else {
                    consumer.pause(List.of(partition));
                }
            }
            long idleSince = System.nanoTime();
            while (!remaining.isEmpty() && !reachedMax()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
                Optional<String> refusal = Optional.empty();
                batching:
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                        if (record.offset() >= ends.get(partition)) {
                            break;
                        }
                        if (reachedMax(batch.size())) {
                            break batching;
                        }
                        refusal = refusal(record);
                        if (refusal.isPresent()) {
                            break batching;
                        }
                        batch.add(record);
                    }
                }
                moveAll(batch);
                if (refusal.isPresent()) {
                    return report(refusal);
                }
                for (TopicPartition partition : List.copyOf(remaining)) {
                    if (consumer.position(partition, TIMEOUT) >= ends.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("read nothing from " + options.deadLetterTopic() + " for "
                            + TIMEOUT.toSeconds() + " s with records left in " + remaining);
                }
            }
            return report(Optional.empty());
        }

        private boolean reachedMax() {
            return reachedMax(0);
        }

        private boolean reachedMax(int pending) {
            return options.max().isPresent() && count + pending >= options.max().getAsLong();
        }

        /** Why this record cannot go back, if it cannot. */
        private Optional<String> refusal(ConsumerRecord<byte[], byte[]> record) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            Header header = record.headers().lastHeader(ORIGINAL_TOPIC);
            if (header == null || header.value() == null) {
                return Optional.of(where + " has no " + ORIGINAL_TOPIC + " header");
            }
            String target = new String(header.value(), StandardCharsets.UTF_8);
            if (!DESTINATIONS.contains(target) || target.equals(options.deadLetterTopic())) {
                return Optional.of(where + ": " + ORIGINAL_TOPIC + " '" + target + "' is not a mailtrail topic");
            }
            if (partitions(target) == 0) {
                return Optional.of(where + ": its original topic " + target + " does not exist on the broker");
            }
            return Optional.empty();
        }

        /** Sends the records, waits until the broker has every one, then commits them. */
        private void moveAll(List<ConsumerRecord<byte[], byte[]>> batch) {
            if (batch.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                ProducerRecord<byte[], byte[]> back = redriven(record);
                if (producer != null) {
                    sends.add(producer.send(back));
                }
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                moved.merge(back.topic(), 1L, Long::sum);
                count++;
            }
            if (producer == null) {
                return;
            }
            for (Future<RecordMetadata> send : sends) {
                awaitAcknowledged(send);
            }
            consumer.commitSync(offsets, TIMEOUT);
        }

        private ProducerRecord<byte[], byte[]> redriven(ConsumerRecord<byte[], byte[]> record) {
            String target = new String(record.headers().lastHeader(ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8);
            List<Header> headers = new ArrayList<>();
            for (Header header : record.headers()) {
                if (!header.key().startsWith("x-exception-") && !header.key().startsWith("x-key-exception-")) {
                    headers.add(header);
                }
            }
            headers.add(new RecordHeader(REDRIVEN_FROM, (record.topic() + "-" + record.partition() + "@"
                    + record.offset()).getBytes(StandardCharsets.UTF_8)));
            // A new timestamp: retention counts from it, and the event's own time is in the record.
            return new ProducerRecord<>(target, originalPartition(record, target), null, record.key(), record.value(),
                    headers);
        }

        /** The partition the record was read from, where the topic still has it; otherwise its key decides. */
        private Integer originalPartition(ConsumerRecord<byte[], byte[]> record, String target) {
            Header header = record.headers().lastHeader(ORIGINAL_PARTITION);
            if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
                return null;
            }
            int partition = ByteBuffer.wrap(header.value()).getInt();
            return partition >= 0 && partition < partitions(target) ? partition : null;
        }

        private int partitions(String topic) {
            return partitionCounts.computeIfAbsent(topic, name -> {
                List<PartitionInfo> found = consumer.partitionsFor(name, TIMEOUT);
                return found == null ? 0 : found.size();
            });
        }

        private void awaitAcknowledged(Future<RecordMetadata> send) {
            try {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending; nothing of this batch was committed", e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("a send was not acknowledged (" + cause
                        + "); nothing of this batch was committed, so the next run sends it again", cause);
            }
        }

        private Report report(Optional<String> refusal) {
            return new Report(options.deadLetterTopic(), options.dryRun(), Collections.unmodifiableMap(new TreeMap<>(moved)),
                    refusal);
        }
    }
}
