package org.mailtrail.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests that act as a subscriber or a foreign producer would: raw bytes
 * in, records with their headers out, nothing from the application under test in between.
 */
public final class KafkaTopicProbe {

    private final String bootstrapServers;

    public KafkaTopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A probe on the JVM's shared broker. */
    public static KafkaTopicProbe shared() {
        return new KafkaTopicProbe(TestInfrastructure.shared().kafka().bootstrapServers());
    }

    /** Sends one record and waits until the broker has it. */
    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes())));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Reads a topic from its beginning until {@code count} records arrived or the timeout passed,
     * and returns what arrived (fewer than asked when the timeout passed).
     */
    public List<ConsumerRecord<String, byte[]>> read(String topic, int count, Duration timeout) {
        return readUntil(topic, records -> records.size() >= count, timeout);
    }

    /** Reads a topic from its beginning until a record with the key arrived, or the timeout passed. */
    public Optional<ConsumerRecord<String, byte[]>> find(String topic, String key, Duration timeout) {
        return find(topic, record -> key.equals(record.key()), timeout);
    }

    /** Reads a topic from its beginning until a record that matches arrived, or the timeout passed. */
    public Optional<ConsumerRecord<String, byte[]>> find(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            Duration timeout) {
        return readUntil(topic, records -> records.stream().anyMatch(match), timeout).stream().filter(match)
                .findFirst();
    }

    private List<ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
