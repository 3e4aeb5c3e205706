package org.mailtrail.ingestor.disposition.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.ConnectionListener;
import org.mailtrail.ingestor.connection.domain.ConnectionSignals;
import org.mailtrail.ingestor.connection.domain.ConnectionWorker;
import org.mailtrail.ingestor.connection.domain.ConnectionWorkers;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.domain.StopReason;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * One worker per running connection drains its pending commands in batches. A batch goes out when it is full,
 * or when its oldest command has waited the collect window; commands of a connection that no instance runs wait
 * until one does. A worker first claims the connection's pending commands for its lease's epoch; once it finds the
 * lease lost, it stops and leaves the rest to the new owner.
 */
@Service
@Order(3)
public class DispositionWorkers implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(DispositionWorkers.class);
    /** How many batches one look for due commands fetches. */
    static final int BATCHES_PER_LOOK = 5;

    private final DispositionStore store;
    private final List<DispositionExecutor> executors;
    private final WorkerPool pool;
    private final Timers timers;
    private final IngestorProperties.Dispositions settings;
    private final Clock clock;
    private final ConnectionWorkers<Worker> workers;

    public DispositionWorkers(DispositionStore store, List<DispositionExecutor> executors, WorkerPool pool,
            Timers timers, ConnectionSignals signals, IngestorProperties properties, Clock clock) {
        this.store = store;
        this.executors = List.copyOf(executors);
        this.pool = pool;
        this.timers = timers;
        this.settings = properties.dispositions();
        this.clock = clock;
        this.workers = new ConnectionWorkers<>("dispositions", signals);
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        DispositionExecutor executor = executors.stream().filter(e -> e.carriesOut(connection)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no disposition executor for connection "
                        + connection.id() + " of kind " + connection.kind()));
        Worker worker = new Worker(connection, ownership, executor);
        Worker previous = workers.put(connection.id(), worker);
        if (previous != null) {
            previous.flight.stop();
        }
        worker.flight.trigger();
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        Worker worker = workers.get(connection.id());
        if (worker != null && worker.connection.equals(connection)) {
            workers.remove(connection.id(), worker);
            worker.flight.stop();
        }
    }

    /**
     * Gives each pending command its pending copy when it has none (see the store), then wakes this instance's
     * workers to carry out what was restored.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void restorePendingCommands() {
        pool.submit("restoring pending dispositions", () -> {
            int restored = store.restorePending();
            if (restored > 0) {
                log.info("{} pending disposition commands restored to the queue of due commands", restored);
                workers.wakeAllHere();
            }
        });
    }

    /** Wakes the connection's worker, on whichever instance runs the connection. */
    public void trigger(String connectionId) {
        workers.wake(connectionId);
    }

    private final class Worker implements ConnectionWorker {
        final FollowedConnection connection;
        final Ownership ownership;
        final SingleFlight flight;
        /** Graph's or IMAP's, as the connection's kind wants. */
        final DispositionExecutor batches;
        /** Whether this owner claimed the pending commands; only the flight's one run at a time reads it. */
        private boolean claimed;

        Worker(FollowedConnection connection, Ownership ownership, DispositionExecutor batches) {
            this.connection = connection;
            this.ownership = ownership;
            this.batches = batches;
            this.flight = new SingleFlight("dispositions of " + connection.id(), pool.executor(),
                    this::drainWhileOwner);
        }

        @Override
        public Ownership ownership() {
            return ownership;
        }

        @Override
        public void wake() {
            flight.trigger();
        }

        void drainWhileOwner() {
            try {
                if (!claimed) {
                    store.claimPending(ownership);
                    claimed = true;
                }
                drain();
            } catch (StaleOwnerException e) {
                log.warn("dispositions of connection {} stopped: {}", connection.id(), e.getMessage());
                flight.stop();
                ownership.lost();
            }
        }

        private void drain() {
            while (!flight.isStopped()) {
                // Several batches' worth at a time: finding what is due reads the connection's commands, so a
                // large backlog is read once per few batches rather than once per batch.
                int batchSize = batches.itemsPerBatch();
                List<PendingDisposition> due = store.due(ownership, batchSize * BATCHES_PER_LOOK);
                if (due.isEmpty()) {
                    store.nextNotBefore(connection.id()).ifPresent(this::triggerAt);
                    return;
                }
                Instant collectedBy = due.get(0).receivedAt().plus(settings.collectWindow());
                if (due.size() < batchSize && clock.instant().isBefore(collectedBy)) {
                    triggerAt(collectedBy);
                    return;
                }
                int from = 0;
                while (from < due.size() && !flight.isStopped()) {
                    int size = batches.itemsPerBatch(connection);
                    List<PendingDisposition> batch = due.subList(from, Math.min(due.size(), from + size));
                    if (!run(batch)) {
                        break;
                    }
                    from += batch.size();
                }
            }
        }

        /** Carries out one batch; false when it failed as a whole, and its commands wait to be tried again. */
        private boolean run(List<PendingDisposition> batch) {
            try {
                batches.run(connection, ownership, batch);
                return true;
            } catch (StaleOwnerException e) {
                throw e;
            } catch (NullPointerException | IllegalArgumentException | ClassCastException
                    | UnsupportedOperationException | IndexOutOfBoundsException e) {
                // Not an outage but a batch that cannot even be sent: retried, it would fail the same way forever.
                log.error("a disposition batch of connection {} cannot be sent", connection.id(), e);
                batches.failedAsAWhole(connection, ownership, batch, (connection.graph() ? "the $batch"
                        : "the batch") + " could not be sent: " + e);
                return false;
            } catch (RuntimeException e) {
                // The batch as a whole failed (the mailbox or the credential's source unreachable): nothing was done,
                // so every command waits and is tried again; none is given up for it.
                log.warn("a disposition batch of connection {} failed, retrying in {}: {}", connection.id(),
                        settings.retryDelay(), e.toString());
                Instant later = clock.instant().plus(settings.retryDelay());
                batch.forEach(d -> store.retryLater(ownership, d.commandId(), d.attempts(), later));
                return false;
            }
        }

        private void triggerAt(Instant at) {
            timers.after("dispositions of " + connection.id() + " due", Duration.between(clock.instant(), at),
                    flight::trigger);
        }
    }
}
