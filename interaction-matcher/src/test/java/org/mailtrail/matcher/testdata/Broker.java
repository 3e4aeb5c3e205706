package org.mailtrail.matcher.testdata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;

/**
 * The broker as the CRM, the ingestor, the opportunity service and a subscriber see it: plain
 * Kafka clients, records with CloudEvents headers in, whole topics out. One producer serves a whole
 * test class, so a thousand records go out in one batch rather than one connection each.
 */
public final class Broker implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public Broker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /** Publishes contracts as their producing service would, and waits until the broker has them all. */
    public void publish(Collection<? extends Contract> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Contract event : events) {
            ContractType type = ContractTypes.of(event.getClass());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.aggregateId(),
                    ContractJson.mapper().writeValueAsBytes(event));
            header(record, "ce_id", event.eventId().toString());
            header(record, "ce_type", type.cloudEventType());
            header(record, "ce_source", "/mailtrail/test");
            header(record, "ce_specversion", "1.0");
            header(record, "ce_time", event.occurredAt().toString());
            header(record, "content-type", "application/json");
            sent.add(producer.send(record));
        }
        await(sent);
    }

    public void publish(Contract event) {
        publish(List.of(event));
    }

    /** A tombstone: the key deleted on a compacted topic. */
    public void tombstone(String topic, String key) {
        await(List.of(producer.send(new ProducerRecord<>(topic, key, null))));
    }

    /** Any bytes, for records a producer got wrong; {@code partition} may be null. */
    public void sendRaw(String topic, Integer partition, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((name, text) -> header(record, name, text));
        await(List.of(producer.send(record)));
    }

    /** Every record the topic holds now, from its beginning to its current end. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Whether the group has committed everything the topics hold now, i.e. processed all of it. */
    public boolean hasConsumedEverything(String group, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = Arrays.stream(topics)
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .collect(Collectors.toSet());
            return consumer.endOffsets(partitions).entrySet().stream().allMatch(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue() == 0 || done != null && done.offset() >= end.getValue();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /** The records' payloads read as the contract their ce_type names, the others left out. */
    public static <T> List<T> decode(List<ConsumerRecord<String, byte[]>> records, Class<T> type) {
        String cloudEventType = ContractTypes.of(type.asSubclass(Contract.class)).cloudEventType();
        return records.stream().filter(record -> cloudEventType.equals(header(record, "ce_type")))
                .map(record -> ContractJson.mapper().readValue(record.value(), type)).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String text) {
        record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take a record", e);
        }
    }
}
