package org.mailtrail.ingestor.sync.messaging;

import java.util.List;

import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends {@code MailReceived} through the {@code mailReceived} binding, which is synchronous with an
 * idempotent producer and {@code acks=all}: when {@link #publish} returns, every record is on the broker.
 */
@Component
public class MailPublisher {

    static final String BINDING = "mailReceived";

    private final StreamBridge bridge;
    private final ContractMessages messages;
    private final MeterRegistry registry;

    public MailPublisher(StreamBridge bridge, ContractMessages messages, MeterRegistry registry) {
        this.bridge = bridge;
        this.messages = messages;
        this.registry = registry;
    }

    public void publish(List<MailReceived> mails) {
        for (MailReceived mail : mails) {
            if (!bridge.send(BINDING, messages.encode(mail))) {
                throw new IllegalStateException("Kafka did not take MailReceived " + mail.eventId());
            }
            Counter.builder("mailtrail.mail.received")
                    .description("MailReceived events published to mail.received.v1")
                    .tag("connection", mail.connectionId())
                    .register(registry)
                    .increment();
        }
    }
}
