package org.mailtrail.localrun.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLogged;

/**
 * A subscriber in the benchmark's JVM, as an enterprise subscriber would be: follows interaction.events.v1 (the
 * first InteractionLogged of a mail is when it was logged), mail.disposition.v1 (the matcher decided),
 * mail.archived.v1 (the ingestor filed it in the mailbox) and the echo's output topic, from their ends, and tells
 * the tracker when each record arrived. Plain assignment, no consumer group: nothing to rebalance.
 */
final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Tracker tracker;
    private final String echoOut;
    private final Thread thread = new Thread(this::loop, "benchmark-probe");
    private volatile RuntimeException failure;

    EventProbe(String bootstrapServers, Tracker tracker, String echoOut) {
        this.tracker = tracker;
        this.echoOut = echoOut;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** Positions at the end of every partition, then follows them on its own thread. */
    EventProbe start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.INTERACTION_EVENTS, Topics.MAIL_DISPOSITION, Topics.MAIL_ARCHIVED, echoOut)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Fails if the probe's thread died: its figures would be missing. */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("the Kafka probe failed: " + failure.getMessage(), failure);
        }
    }

    private void loop() {
        try {
            while (true) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    see(record, now);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke it up
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void see(ConsumerRecord<String, byte[]> record, long now) {
        if (record.topic().equals(echoOut)) {
            tracker.output(record.key(), now);
            return;
        }
        if (record.value() == null) {
            return;
        }
        String internetMessageId = ContractJson.mapper().readTree(record.value()).path("internetMessageId").asString(null);
        if (internetMessageId == null) {
            return;
        }
        switch (record.topic()) {
            case Topics.INTERACTION_EVENTS -> {
                if (InteractionLogged.TYPE.equals(type(record))) {
                    tracker.output(internetMessageId, now);
                }
            }
            case Topics.MAIL_DISPOSITION -> tracker.decided(internetMessageId, now);
            case Topics.MAIL_ARCHIVED -> tracker.filed(internetMessageId, now);
            default -> { }
        }
    }

    /** The CloudEvents type, as plain text; tolerant of a JSON-quoted value. */
    private static String type(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("ce_type");
        if (header == null) {
            header = record.headers().lastHeader("ce-type");
        }
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8).replace("\"", "");
    }

    @Override
    public void close() {
        if (!thread.isAlive()) {
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(Duration.ofSeconds(5));
            }
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
