package org.mailtrail.matcher.connection.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.matcher.CompactedRecords;
import org.mailtrail.matcher.connection.domain.ConnectionSettings;
import org.mailtrail.matcher.connection.store.ConnectionSettingsStore;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.OutageRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ConnectionFunctions {

    /** Mirrors {@code config.connections.v1}; a tombstone deletes the connection. */
    @Bean
    Consumer<Message<?>> projectConnection(ContractMessages messages, ConnectionSettingsStore connections,
            OutageRetry outages) {
        return outages.around(message -> {
            if (CompactedRecords.isTombstone(message)) {
                connections.delete(CompactedRecords.key(message));
                return;
            }
            ConnectionConfigured configured = messages.decode(CompactedRecords.withBytes(message),
                    ConnectionConfigured.class);
            connections.save(ConnectionSettings.from(configured));
        });
    }
}
