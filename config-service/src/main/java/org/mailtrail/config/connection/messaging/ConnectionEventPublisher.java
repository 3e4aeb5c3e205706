package org.mailtrail.config.connection.messaging;

import java.nio.charset.StandardCharsets;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.platform.messaging.ContractMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends a connection's state to {@code config.connections.v1}, keyed by connection id, and waits for the broker
 * (the binding's producer is synchronous). A failed send is reported, not thrown: the change is stored already,
 * and {@link ConnectionEventRelay} sends it again.
 */
@Component
public class ConnectionEventPublisher {

    /** The output binding; its destination is {@code Topics.CONNECTIONS}. */
    static final String BINDING = "connections-out-0";

    private static final Logger log = LoggerFactory.getLogger(ConnectionEventPublisher.class);

    private final StreamBridge streams;
    private final ContractMessages messages;

    public ConnectionEventPublisher(StreamBridge streams, ContractMessages messages) {
        this.streams = streams;
        this.messages = messages;
    }

    /** True once the broker has the event of this revision. */
    public boolean publish(Connection connection) {
        return send(messages.encode(connection.toEvent()), connection.id(), connection.revision());
    }

    /** True once the broker has the tombstone (a null value under the connection's key). */
    public boolean publishTombstone(String connectionId, long revision) {
        Message<KafkaNull> tombstone = MessageBuilder.withPayload(KafkaNull.INSTANCE)
                .setHeader(KafkaHeaders.KEY, connectionId.getBytes(StandardCharsets.UTF_8))
                .build();
        return send(tombstone, connectionId, revision);
    }

    private boolean send(Message<?> message, String connectionId, long revision) {
        try {
            return streams.send(BINDING, message);
        } catch (RuntimeException e) {
            log.warn("Connection {} revision {} not published yet, will retry: {}", connectionId, revision,
                    e.getMessage());
            return false;
        }
    }
}
