package org.mailtrail.ingestor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.events.Topics;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.testsupport.TestInfrastructure;

/**
 * A subscriber of {@code mail.received.v1} and {@code mail.archived.v1}, as the matcher would be: one plain
 * consumer reading both topics from the beginning into memory, so a test can look at what was published
 * without reading the topics again.
 */
final class TopicRecorder implements AutoCloseable {

    /** One record as a subscriber sees it: key, CloudEvents type, broker timestamp, and the decoded contract. */
    record Published(String topic, String key, String type, long timestamp, Contract event) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Published> records = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private TopicRecorder(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::poll, "topic-recorder");
        this.thread.setDaemon(true);
    }

    static TopicRecorder start() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The topics may appear only after the recorder subscribed.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(Topics.MAIL_RECEIVED, Topics.MAIL_ARCHIVED));
        TopicRecorder recorder = new TopicRecorder(consumer);
        recorder.thread.start();
        return recorder;
    }

    /** The MailReceived events of a connection, in the order they were published. */
    List<MailReceived> mailReceived(String connectionId) {
        return records.stream().map(Published::event).filter(MailReceived.class::isInstance)
                .map(MailReceived.class::cast).filter(m -> m.connectionId().equals(connectionId)).toList();
    }

    /** Every record of a connection on a topic. */
    List<Published> of(String topic, String connectionId) {
        return records.stream().filter(r -> r.topic().equals(topic) && r.key().startsWith(connectionId + "/")).toList();
    }

    /** The events of one type on mail.archived.v1 for a connection. */
    <T extends Contract> List<T> results(String connectionId, Class<T> type) {
        return of(Topics.MAIL_ARCHIVED, connectionId).stream().map(Published::event).filter(type::isInstance)
                .map(type::cast).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String type = header(record, "ce_type");
                    Contract event = ContractTypes.byCloudEventType(type)
                            .map(t -> (Contract) ContractJson.mapper().readValue(record.value(), t.recordClass()))
                            .orElse(null);
                    records.add(new Published(record.topic(), record.key(), type, record.timestamp(), event));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
