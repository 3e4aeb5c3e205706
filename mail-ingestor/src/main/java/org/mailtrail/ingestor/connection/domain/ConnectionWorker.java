package org.mailtrail.ingestor.connection.domain;

/** A feature's worker for one connection this instance runs, as {@link ConnectionWorkers} keeps it. */
public interface ConnectionWorker {

    /** The lease the worker runs under. */
    Ownership ownership();

    /** Asks the worker for a run; returns at once. */
    void wake();
}
