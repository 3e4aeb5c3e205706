package org.mailtrail.ingestor.sync.messaging;

import java.util.List;

import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.platform.messaging.ContractPublisher;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends {@code MailReceived} through the platform's publisher, whose binding is synchronous with an idempotent
 * producer and {@code acks=all}: when {@link #publish} returns, every record is on the broker. No outbox here:
 * Graph is the source, and a page whose records did not all reach the broker is read and published again.
 */
@Component
public class MailPublisher {

    private final ContractPublisher publisher;
    private final MeterRegistry registry;

    public MailPublisher(ContractPublisher publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
    }

    /** Publishes a page's mails side by side (each has its own key); returns once the broker has every one. */
    public void publish(List<MailReceived> mails) {
        publisher.publishAll(mails);
        for (MailReceived mail : mails) {
            Counter.builder("mailtrail.mail.received")
                    .description("MailReceived events published to mail.received.v1")
                    .tag("connection", mail.connectionId())
                    .register(registry)
                    .increment();
        }
    }
}
