package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.store.FollowedConnectionStore;
import org.mailtrail.ingestor.connection.store.LeaseStore;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Starts and stops each connection's work as its settings change, on the one instance that holds the
 * connection's lease. Whichever instance consumes a connection record stores it; every instance reconciles
 * what it runs with the stored connections at the lease interval, so a change consumed by one instance reaches
 * the instance that runs the connection, and a stopped instance's connections move on once its leases expire.
 * Connections are started only once the application is ready: creating a subscription makes Graph call the
 * webhook, which must be up by then.
 */
@Service
public class ConnectionSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSupervisor.class);

    private final FollowedConnectionStore store;
    private final LeaseStore leases;
    private final List<ConnectionListener> listeners;
    private final WorkerPool pool;
    private final Timers timers;
    private final IngestorProperties.Ownership ownership;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, FollowedConnection> running = new ConcurrentHashMap<>();
    private boolean ready;
    private boolean startedOnce;
    private ScheduledFuture<?> renewals;
    private volatile boolean lifecycleRunning;

    public ConnectionSupervisor(FollowedConnectionStore store, LeaseStore leases, List<ConnectionListener> listeners,
            WorkerPool pool, Timers timers, IngestorProperties properties, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.leases = leases;
        this.listeners = listeners;
        this.pool = pool;
        this.timers = timers;
        this.ownership = properties.ownership();
        this.clock = clock;
        this.registry = registry;
    }

    /** Applies a connection's settings, unless a newer revision is known already. */
    public synchronized void apply(ConnectionConfigured configured) {
        Optional<Long> known = store.revision(configured.connectionId());
        if (known.isPresent() && configured.revision() < known.get()) {
            log.info("ignoring revision {} of connection {}: revision {} is known", configured.revision(),
                    configured.connectionId(), known.get());
            count("stale");
            return;
        }
        store.save(configured);
        count(configured.enabled() ? "enabled" : "disabled");
        if (ready) {
            reconcile(FollowedConnection.of(configured));
        }
    }

    /** A tombstone: the connection is gone. */
    public synchronized void delete(String connectionId) {
        store.delete(connectionId);
        count("deleted");
        stop(connectionId, StopReason.DELETED);
    }

    /** The connection of that id, if this instance runs it. */
    public Optional<FollowedConnection> running(String connectionId) {
        return Optional.ofNullable(running.get(connectionId));
    }

    /** The connection of that id if it is enabled, whichever instance runs it. */
    public Optional<FollowedConnection> enabled(String connectionId) {
        FollowedConnection here = running.get(connectionId);
        if (here != null) {
            return Optional.of(here);
        }
        return store.find(connectionId).map(FollowedConnection::of).filter(FollowedConnection::enabled);
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void startStoredConnections() {
        ready = true;
        startedOnce = true;
        reconcileAll();
        // One renewal at a time: ticks that come while one runs fold into the next.
        SingleFlight renewal = new SingleFlight("renewing connection leases", pool.executor(), this::reconcileAll);
        renewals = timers.every("renewing connection leases", ownership.leaseRenewInterval(), renewal::trigger);
    }

    /** Renews this instance's leases, takes free ones, and applies what other instances stored. */
    synchronized void reconcileAll() {
        if (!ready) {
            return;
        }
        Map<String, FollowedConnection> wanted = new HashMap<>();
        for (ConnectionConfigured configured : store.all()) {
            wanted.put(configured.connectionId(), FollowedConnection.of(configured));
        }
        for (String id : List.copyOf(running.keySet())) {
            if (!wanted.containsKey(id)) {
                stop(id, StopReason.DELETED);
            }
        }
        wanted.values().forEach(this::reconcile);
    }

    private void reconcile(FollowedConnection connection) {
        if (!connection.enabled()) {
            stop(connection.id(), StopReason.DISABLED);
            return;
        }
        if (!leases.acquire(connection.id(), instance, clock.instant(), ownership.leaseTtl())) {
            // Another instance runs it; if this one did until now, it lost the lease (it was too slow to renew).
            FollowedConnection lost = running.remove(connection.id());
            if (lost != null) {
                notifyStopped(lost, StopReason.SHUTDOWN);
            }
            return;
        }
        FollowedConnection current = running.get(connection.id());
        if (connection.equals(current)) {
            return;
        }
        if (current != null) {
            running.remove(connection.id());
            notifyStopped(current, StopReason.REPLACED);
        }
        running.put(connection.id(), connection);
        log.info("starting connection {} on {} ({}, {})", connection.id(), connection.mailbox(),
                connection.authMode(), connection.push() ? "push and poll" : "poll only");
        for (ConnectionListener listener : listeners) {
            listener.started(connection);
        }
    }

    private void stop(String connectionId, StopReason reason) {
        FollowedConnection stopped = running.remove(connectionId);
        if (stopped != null) {
            notifyStopped(stopped, reason);
            leases.release(connectionId, instance);
        }
    }

    private void notifyStopped(FollowedConnection connection, StopReason reason) {
        log.info("stopping connection {} ({})", connection.id(), reason);
        for (ConnectionListener listener : listeners) {
            try {
                listener.stopped(connection, reason);
            } catch (RuntimeException e) {
                log.warn("stopping connection {} in {} failed: {}", connection.id(), listener.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    private void count(String change) {
        Counter.builder("mailtrail.connections.changes")
                .description("Connection records applied from config.connections.v1, by what they did")
                .tag("change", change)
                .register(registry)
                .increment();
    }

    /** Starts the stored connections again when the context is restarted after a {@link #stop()}. */
    @Override
    public synchronized void start() {
        lifecycleRunning = true;
        if (startedOnce && !ready) {
            startStoredConnections();
        }
    }

    /**
     * Stops every connection's work before the threads and the web server go, keeping its state, and gives the
     * leases up, so that another instance takes the connections over at once instead of after the lease time.
     */
    @Override
    public synchronized void stop() {
        lifecycleRunning = false;
        ready = false;
        if (renewals != null) {
            renewals.cancel(false);
        }
        running.values().forEach(connection -> notifyStopped(connection, StopReason.SHUTDOWN));
        running.clear();
        leases.releaseAll(instance);
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }
}
