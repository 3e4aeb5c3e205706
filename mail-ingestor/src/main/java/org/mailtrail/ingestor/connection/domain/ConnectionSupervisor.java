package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 *
 * <p>Each connection runs under the {@link Ownership} of its lease: its epoch, which the connection's writes carry,
 * and until when the lease is known to be held, which each successful renewal moves on. When a renewal finds the
 * lease in another's hands, or a worker finds it lost (a write refused, a check too late), the connection stops here
 * at once ({@link StopReason#LEASE_LOST}); a lease taken again later, at a new epoch, starts it afresh.
 */
@Service
public class ConnectionSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSupervisor.class);

    private final FollowedConnectionStore store;
    private final LeaseStore leases;
    private final List<ConnectionListener> listeners;
    private final WorkerPool pool;
    private final Timers timers;
    private final IngestorProperties.Ownership settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
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
        this.settings = properties.ownership();
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
        return Optional.ofNullable(running.get(connectionId)).map(Running::connection);
    }

    /** The connection of that id if it is enabled, whichever instance runs it. */
    public Optional<FollowedConnection> enabled(String connectionId) {
        Optional<FollowedConnection> here = running(connectionId);
        if (here.isPresent()) {
            return here;
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
        renewals = timers.every("renewing connection leases", settings.leaseRenewInterval(), renewal::trigger);
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
        // The lease's expiry is counted from this moment, before the write: it is surely held until then.
        Instant asked = clock.instant();
        OptionalLong epoch = leases.acquire(connection.id(), instance, asked, settings.leaseTtl());
        Running current = running.get(connection.id());
        if (epoch.isEmpty()) {
            // Another instance runs it; if this one did until now, it lost the lease (it was too slow to renew).
            if (current != null) {
                lost(current);
            }
            return;
        }
        Instant heldUntil = asked.plus(knownHeld());
        if (current != null && current.ownership().epoch() != epoch.getAsLong()) {
            // Another instance had it in between: whatever runs here belongs to an older epoch.
            lost(current);
            current = null;
        }
        if (current != null) {
            current.ownership().heldUntil(heldUntil);
            if (connection.equals(current.connection())) {
                return;
            }
            running.remove(connection.id());
            notifyStopped(current, StopReason.REPLACED);
        }
        Ownership lease = current != null ? current.ownership()
                : new Ownership(connection.id(), epoch.getAsLong(), heldUntil, clock, this::lost);
        running.put(connection.id(), new Running(connection, lease));
        log.info("starting connection {} on {} ({}, {}) under lease epoch {}", connection.id(), connection.mailbox(),
                connection.graph() ? connection.authMode() : connection.kind(),
                connection.push() ? "push and poll" : connection.graph() ? "poll only" : "IDLE and poll", lease.epoch());
        for (ConnectionListener listener : listeners) {
            listener.started(connection, lease);
        }
    }

    /**
     * How long after a renewal began the lease is surely still this instance's: one renewal interval short of its
     * time-to-live, which covers the skew between two instances' clocks and a renewal that is late once.
     */
    private Duration knownHeld() {
        return settings.leaseTtl().minus(settings.leaseRenewInterval());
    }

    /** A worker found the lease lost: the connection stops here, if it still runs under that lease. */
    private synchronized void lost(Ownership lease) {
        Running current = running.get(lease.connectionId());
        if (current != null && current.ownership() == lease) {
            lost(current);
            // Given up in case it is still held here after all, so that the next taker raises the epoch.
            leases.release(lease.connectionId(), instance);
        }
    }

    private void lost(Running current) {
        running.remove(current.connection().id(), current);
        current.ownership().lost();
        notifyStopped(current, StopReason.LEASE_LOST);
    }

    private void stop(String connectionId, StopReason reason) {
        Running stopped = running.remove(connectionId);
        if (stopped != null) {
            notifyStopped(stopped, reason);
            leases.release(connectionId, instance);
        }
    }

    private void notifyStopped(Running running, StopReason reason) {
        FollowedConnection connection = running.connection();
        log.info("stopping connection {} ({})", connection.id(), reason);
        for (ConnectionListener listener : listeners) {
            try {
                listener.stopped(connection, running.ownership(), reason);
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

    /** A connection this instance runs, and the lease it runs under. */
    private record Running(FollowedConnection connection, Ownership ownership) {
    }
}
