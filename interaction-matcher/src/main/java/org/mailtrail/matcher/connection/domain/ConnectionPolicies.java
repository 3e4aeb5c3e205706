package org.mailtrail.matcher.connection.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.matcher.connection.store.ConnectionPolicyStore;
import org.springframework.stereotype.Service;

/**
 * The connections' policies, in memory so that every mail reads them without a query. The memory
 * copy is loaded from the store when this bean is created, before any binding starts consuming
 * mail, and written through on every change.
 */
@Service
public class ConnectionPolicies {

    private final ConnectionPolicyStore store;
    private final Map<String, ConnectionPolicy> policies = new ConcurrentHashMap<>();

    public ConnectionPolicies(ConnectionPolicyStore store) {
        this.store = store;
        store.findAll().forEach(policy -> policies.put(policy.connectionId(), policy));
    }

    /** The connection's policy, or the defaults for a connection not seen yet. */
    public ConnectionPolicy policyFor(String connectionId) {
        return policies.getOrDefault(connectionId, ConnectionPolicy.defaults(connectionId));
    }

    /** The policy of a connection config-service has announced, if it has. */
    public Optional<ConnectionPolicy> find(String connectionId) {
        return Optional.ofNullable(policies.get(connectionId));
    }

    /** Takes a connection's new revision, unless a newer one is already known (records may be replayed). */
    public void apply(ConnectionConfigured configured) {
        ConnectionPolicy updated = ConnectionPolicy.from(configured);
        ConnectionPolicy current = policies.get(updated.connectionId());
        if (current != null && current.revision() > updated.revision()) {
            return;
        }
        store.save(updated);
        policies.put(updated.connectionId(), updated);
    }

    public void delete(String connectionId) {
        store.delete(connectionId);
        policies.remove(connectionId);
    }
}
