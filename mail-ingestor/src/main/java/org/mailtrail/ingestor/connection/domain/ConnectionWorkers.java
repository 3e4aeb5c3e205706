package org.mailtrail.ingestor.connection.domain;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers of one kind (delta sync, dispositions) for the connections this instance runs, and
 * how to wake one wherever it runs: here at once, or through a {@link ConnectionSignals} signal that the
 * owning instance picks up. Signals are taken, and workers woken here, only while the worker's lease is known to be
 * held: an instance that lost a lease without noticing yet must not take what the new owner is owed.
 */
public final class ConnectionWorkers<W extends ConnectionWorker> {

    private final Map<String, W> workers = new ConcurrentHashMap<>();
    private final String kind;
    private final ConnectionSignals signals;

    public ConnectionWorkers(String kind, ConnectionSignals signals) {
        this.kind = kind;
        this.signals = signals;
        signals.receive(kind, this::heldHere, signal -> wakeHere(signal.connectionId()));
    }

    /** Puts a started connection's worker in place; returns the one it replaces, if any. */
    public W put(String connectionId, W worker) {
        return workers.put(connectionId, worker);
    }

    /** Removes the worker, unless a newer one has taken its place meanwhile. */
    public boolean remove(String connectionId, W worker) {
        return workers.remove(connectionId, worker);
    }

    public W get(String connectionId) {
        return workers.get(connectionId);
    }

    /** Wakes every worker this instance runs. */
    public void wakeAllHere() {
        workers.values().forEach(ConnectionWorker::wake);
    }

    /** Wakes the connection's worker, on whichever instance runs the connection. */
    public void wake(String connectionId) {
        if (!wakeHere(connectionId)) {
            signals.post(connectionId, kind, null);
        }
    }

    private boolean wakeHere(String connectionId) {
        W worker = workers.get(connectionId);
        if (worker == null || !worker.ownership().held()) {
            return false;
        }
        worker.wake();
        return true;
    }

    private Collection<String> heldHere() {
        return workers.entrySet().stream().filter(entry -> entry.getValue().ownership().held())
                .map(Map.Entry::getKey).toList();
    }
}
