package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

import org.springframework.core.ParameterizedTypeReference;

/** config-service: whether each mailbox connection is enabled, which anyone reading the log may know. */
public class ConnectionStates {

    /** A connection's name and switch. */
    public record ConnectionState(String id, String displayName, boolean enabled, Instant updatedAt) {
    }

    private static final ParameterizedTypeReference<List<ConnectionState>> STATES = new ParameterizedTypeReference<>() {
    };

    private final ServiceClients.ServiceClient client;

    ConnectionStates(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    public List<ConnectionState> all() {
        return client.call(rest -> rest.get().uri("/api/connection-states").retrieve().body(STATES));
    }
}
