package org.mailtrail.ingestor.connection.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.OutageRetry;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/** The connection feature's flow on Kafka. */
@Configuration
public class ConnectionFunctions {

    /**
     * Applies each record of {@code config.connections.v1}: a connection's settings, or a tombstone (no value)
     * when it was deleted. The binder hands a tombstone over with a {@link KafkaNull} payload, so the payload
     * is taken as it comes and only then read as the contract.
     */
    @Bean
    Consumer<Message<Object>> followConnection(ConnectionSupervisor supervisor, ContractMessages messages,
            OutageRetry outages) {
        return outages.around(message -> {
            Object payload = message.getPayload();
            if (payload instanceof KafkaNull || payload instanceof byte[] bytes && bytes.length == 0) {
                supervisor.delete(key(message));
                return;
            }
            if (!(payload instanceof byte[] bytes)) {
                throw new PoisonMessageException("unexpected payload " + payload.getClass().getName());
            }
            @SuppressWarnings("unchecked")
            Message<byte[]> record = (Message<byte[]>) (Message<?>) message;
            ConnectionConfigured configured = messages.decode(record, ConnectionConfigured.class);
            String key = keyOrNull(message);
            if (key != null && !key.equals(configured.connectionId())) {
                throw new PoisonMessageException("key " + key + " is not the connection " + configured.connectionId());
            }
            supervisor.apply(configured);
        });
    }

    private static String key(Message<?> message) {
        String key = keyOrNull(message);
        if (key == null) {
            throw new PoisonMessageException("a tombstone without a key names no connection");
        }
        return key;
    }

    private static String keyOrNull(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
