package org.mailtrail.ingestor.connection.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The workers of one kind (delta sync, dispositions) for the connections this instance runs, and
 * how to wake one wherever it runs: here at once, or through a {@link ConnectionSignals} signal that the
 * owning instance picks up.
 */
public final class ConnectionWorkers<W> {

    private final Map<String, W> workers = new ConcurrentHashMap<>();
    private final String kind;
    private final ConnectionSignals signals;
    private final Consumer<W> wake;

    public ConnectionWorkers(String kind, ConnectionSignals signals, Consumer<W> wake) {
        this.kind = kind;
        this.signals = signals;
        this.wake = wake;
        signals.receive(kind, workers::keySet, signal -> wakeHere(signal.connectionId()));
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
        workers.values().forEach(wake);
    }

    /** Wakes the connection's worker, on whichever instance runs the connection. */
    public void wake(String connectionId) {
        if (!wakeHere(connectionId)) {
            signals.post(connectionId, kind, null);
        }
    }

    private boolean wakeHere(String connectionId) {
        W worker = workers.get(connectionId);
        if (worker == null) {
            return false;
        }
        wake.accept(worker);
        return true;
    }
}
