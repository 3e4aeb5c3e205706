package org.mailtrail.ingestor.connection.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.KafkaRecords;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The connection feature's flow on Kafka. */
@Configuration
public class ConnectionFunctions {

    /**
     * Applies each record of {@code config.connections.v1}: a connection's settings, or a tombstone when it was
     * deleted. A tombstone arrives without a contract to read, so the payload is taken as it comes.
     */
    @Bean
    Consumer<Message<?>> followConnection(ConnectionSupervisor supervisor, ContractMessages messages) {
        return message -> {
            if (KafkaRecords.isTombstone(message)) {
                supervisor.delete(KafkaRecords.key(message));
                return;
            }
            ConnectionConfigured configured = messages.decode(KafkaRecords.withValue(message),
                    ConnectionConfigured.class);
            KafkaRecords.keyIfAny(message).filter(key -> !key.equals(configured.connectionId())).ifPresent(key -> {
                throw new PoisonMessageException("key " + key + " is not the connection " + configured.connectionId());
            });
            supervisor.apply(configured);
        };
    }
}
