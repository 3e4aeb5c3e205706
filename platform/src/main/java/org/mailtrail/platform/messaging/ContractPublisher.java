package org.mailtrail.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way a service puts a contract on Kafka: the topic comes from {@link ContractTypes}, the
 * binding from {@link OutputBindings}, the key and CloudEvents headers from {@link ContractMessages}.
 * Every output binding is synchronous ({@code producer.sync: true}), so {@link #publish} returns only
 * once the broker has the record and throws {@link PublishFailedException} when it does not: a caller
 * never takes an unconfirmed record for a published one.
 */
public class ContractPublisher {

    private final StreamBridge bridge;
    private final ContractMessages messages;
    private final MeterRegistry meters;

    public ContractPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry meters) {
        this.bridge = bridge;
        this.messages = messages;
        this.meters = meters;
    }

    public void publish(Contract contract) {
        ContractType type = ContractTypes.of(contract.getClass());
        send(type.topic(), messages.encode(contract), type.name() + " " + contract.eventId());
        published(type.topic(), type.name());
    }

    /** A record without a value under {@code key}: on a compacted topic, the key is deleted. */
    public void publishTombstone(String topic, String key) {
        Message<KafkaNull> tombstone = MessageBuilder.withPayload(KafkaNull.INSTANCE)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        send(topic, tombstone, "the tombstone of " + key);
        published(topic, "tombstone");
    }

    private void send(String topic, Message<?> message, String what) {
        boolean sent;
        try {
            sent = bridge.send(OutputBindings.of(topic), message);
        } catch (RuntimeException e) {
            throw new PublishFailedException(what + " is not on " + topic + ": " + e.getMessage(), e);
        }
        if (!sent) {
            throw new PublishFailedException(what + " is not on " + topic + ": the binding refused it", null);
        }
    }

    private void published(String topic, String type) {
        Counter.builder("mailtrail.events.published")
                .description("Records the broker confirmed, by topic and type")
                .tag("topic", topic).tag("type", type)
                .register(meters).increment();
    }
}
