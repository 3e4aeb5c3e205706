package org.mailtrail.matcher.connection.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.matcher.connection.domain.ConnectionPolicies;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.KafkaRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ConnectionPolicyFunctions {

    /** Mirrors {@code config.connections.v1}; a tombstone deletes the connection. */
    @Bean
    Consumer<Message<?>> projectConnection(ContractMessages messages, ConnectionPolicies policies) {
        return message -> {
            if (KafkaRecords.isTombstone(message)) {
                policies.delete(KafkaRecords.key(message));
                return;
            }
            policies.apply(messages.decode(KafkaRecords.withValue(message), ConnectionConfigured.class));
        };
    }
}
