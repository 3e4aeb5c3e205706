package org.mailtrail.ingestor.work;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task at most once at a time, and folds every trigger that arrives while it runs into one more run
 * afterwards: a burst of a hundred triggers costs two runs, and a trigger is never lost, because the run it
 * asks for starts after it arrived.
 */
public final class SingleFlight {

    private static final Logger log = LoggerFactory.getLogger(SingleFlight.class);

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_AND_DUE_AGAIN = 2;

    private final String name;
    private final Executor executor;
    private final Runnable task;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile boolean stopped;

    public SingleFlight(String name, Executor executor, Runnable task) {
        this.name = name;
        this.executor = executor;
        this.task = task;
    }

    /** Asks for a run: starts one now, or one more after the current run. */
    public void trigger() {
        if (stopped) {
            return;
        }
        while (true) {
            int current = state.get();
            if (current == IDLE) {
                if (state.compareAndSet(IDLE, RUNNING)) {
                    start();
                    return;
                }
            } else if (current == RUNNING) {
                if (state.compareAndSet(RUNNING, RUNNING_AND_DUE_AGAIN)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** No run starts after this; a run in progress finishes. */
    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    private void start() {
        try {
            executor.execute(this::runUntilNoneDue);
        } catch (RejectedExecutionException e) {
            state.set(IDLE);
            log.debug("{}: not started, the ingestor is stopping", name);
        }
    }

    private void runUntilNoneDue() {
        do {
            if (stopped) {
                state.set(IDLE);
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // The task reports its own failures and schedules its retry; this only keeps the runner alive.
                log.warn("{} failed: {}", name, e.toString());
            }
        } while (dueAgain());
    }

    private boolean dueAgain() {
        while (true) {
            int current = state.get();
            if (current == RUNNING_AND_DUE_AGAIN) {
                if (state.compareAndSet(RUNNING_AND_DUE_AGAIN, RUNNING)) {
                    return true;
                }
            } else if (state.compareAndSet(RUNNING, IDLE)) {
                return false;
            }
        }
    }
}
