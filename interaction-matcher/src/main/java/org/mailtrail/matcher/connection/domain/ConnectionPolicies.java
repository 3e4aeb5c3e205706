package org.mailtrail.matcher.connection.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.connection.store.ConnectionPolicyStore;
import org.mailtrail.platform.scheduling.Timers;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The connections' policies, in memory so that every mail reads them without a query. The memory
 * copy is loaded from the store when this bean is created, before any binding starts consuming
 * mail, written through on every change this instance makes, and read again from the store every
 * {@code mailtrail.matcher.directory-refresh-interval}, for the changes other instances made.
 * The store holds the truth: it refuses a revision older than the one it has, so the copy read
 * from it is taken as it is (a connection deleted and created again starts its revisions anew).
 */
@Service
public class ConnectionPolicies {

    private final ConnectionPolicyStore store;
    private final MeterRegistry meters;
    /** Replaced whole; changed only under this object's lock, after the store took the change. */
    private volatile Map<String, ConnectionPolicy> policies;
    /** How many changes this instance made; a refresh read before the latest of them is stale. */
    private volatile long changes;

    public ConnectionPolicies(ConnectionPolicyStore store, MeterRegistry meters, Timers timers,
            MatcherProperties properties) {
        this.store = store;
        this.meters = meters;
        this.policies = stored();
        timers.every("connection policies refresh", properties.directoryRefreshInterval(), this::refresh);
    }

    /** The connection's policy, or the defaults for a connection not seen yet. */
    public ConnectionPolicy policyFor(String connectionId) {
        return policies.getOrDefault(connectionId, ConnectionPolicy.defaults(connectionId));
    }

    /** The policy of a connection config-service has announced, if it has. */
    public Optional<ConnectionPolicy> find(String connectionId) {
        return Optional.ofNullable(policies.get(connectionId));
    }

    /** Takes a connection's new revision, unless a newer one is already stored (records may be replayed). */
    public synchronized void apply(ConnectionConfigured configured) {
        ConnectionPolicy updated = ConnectionPolicy.from(configured);
        if (store.saveUnlessNewer(updated)) {
            Map<String, ConnectionPolicy> changed = new HashMap<>(policies);
            changed.put(updated.connectionId(), updated);
            policies = Map.copyOf(changed);
            changes++;
        }
    }

    public synchronized void delete(String connectionId) {
        store.delete(connectionId);
        Map<String, ConnectionPolicy> changed = new HashMap<>(policies);
        changed.remove(connectionId);
        policies = Map.copyOf(changed);
        changes++;
    }

    /**
     * Takes every policy as the store holds it now, with what other instances added, changed and deleted. The store
     * is read without holding off this instance's own changes (a consumer must not wait on a read that waits for
     * MongoDB); a read that a change of this instance overtook is dropped, and the next refresh reads again.
     */
    void refresh() {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            long changesBefore = changes;
            Map<String, ConnectionPolicy> read = stored();
            synchronized (this) {
                if (changes == changesBefore) {
                    policies = read;
                    outcome = "succeeded";
                } else {
                    outcome = "overtaken";
                }
            }
        } finally {
            meters.timer("mailtrail.connections.refreshed", "outcome", outcome).record(System.nanoTime() - started,
                    TimeUnit.NANOSECONDS);
        }
    }

    private Map<String, ConnectionPolicy> stored() {
        Map<String, ConnectionPolicy> stored = new HashMap<>();
        store.findAll().forEach(policy -> stored.put(policy.connectionId(), policy));
        return Map.copyOf(stored);
    }
}
