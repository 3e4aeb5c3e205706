package org.mailtrail.ingestor.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Runs a task at most once at a time, and folds every trigger that arrives while it runs into one more run
 * afterwards: a burst of a hundred triggers costs two runs, and a trigger is never lost, because the run it
 * asks for starts after it arrived.
 *
 * <p>With a {@link Spacing}, the starts of two runs are also kept a minimum gap apart: a trigger that comes sooner
 * after the last start defers one run to the end of the gap, and every trigger until then folds into that run. A
 * trigger therefore waits at most the gap longer than it would without one, and a steady stream of triggers costs
 * one run per gap however many there are.
 *
 * <p>A run goes on in the trace of the first trigger it answers (a webhook's request, say), so what it publishes
 * carries that trace; the triggers folded into it add nothing to it.
 */
public final class SingleFlight {

    private static final Logger log = LoggerFactory.getLogger(SingleFlight.class);
    private static final ContextSnapshotFactory CONTEXTS = ContextSnapshotFactory.builder().build();

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_AND_DUE_AGAIN = 2;
    /** A run is due at the end of the gap; nothing runs until then. */
    private static final int DEFERRED = 3;

    private final String name;
    private final Executor executor;
    private final Runnable task;
    private final Spacing spacing;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** The context of the first trigger the next run answers; taken by that run. */
    private final AtomicReference<ContextSnapshot> dueContext = new AtomicReference<>();
    /** When the last run started; written by the running thread before its run, read by triggers. */
    private volatile Instant lastStart;
    private volatile boolean stopped;

    public SingleFlight(String name, Executor executor, Runnable task) {
        this(name, executor, task, Spacing.NONE);
    }

    public SingleFlight(String name, Executor executor, Runnable task, Spacing spacing) {
        this.name = name;
        this.executor = executor;
        this.task = task;
        this.spacing = Objects.requireNonNull(spacing, "spacing");
    }

    /**
     * How far apart the starts of two runs are kept.
     *
     * @param minGap the least time between the starts of two runs; zero for none
     * @param clock where the time of a start is read
     * @param deferral what starts a deferred run at the end of the gap (the platform's timers), without blocking
     */
    public record Spacing(Duration minGap, Clock clock, Deferral deferral) {

        /** Runs start as soon as they are due. */
        public static final Spacing NONE = new Spacing(Duration.ZERO, null, null);

        public Spacing {
            Objects.requireNonNull(minGap, "minGap");
            if (minGap.isNegative()) {
                throw new IllegalArgumentException("a minimum gap between runs must not be negative: " + minGap);
            }
            if (!minGap.isZero()) {
                Objects.requireNonNull(clock, "clock");
                Objects.requireNonNull(deferral, "deferral");
            }
        }
    }

    /** Runs something once after a delay, on a thread of its own, and returns at once. */
    @FunctionalInterface
    public interface Deferral {

        void after(Duration delay, Runnable action);
    }

    /** Asks for a run: starts one now, or one more after the current run, or at the end of the gap. */
    public void trigger() {
        if (stopped) {
            return;
        }
        ContextSnapshot context = CONTEXTS.captureAll();
        while (true) {
            int current = state.get();
            if (current == IDLE) {
                Duration wait = untilTheGapEnds();
                if (wait.isZero()) {
                    if (state.compareAndSet(IDLE, RUNNING)) {
                        dueContext.set(context);
                        start();
                        return;
                    }
                } else if (state.compareAndSet(IDLE, DEFERRED)) {
                    dueContext.set(context);
                    defer(wait);
                    return;
                }
            } else if (current == RUNNING) {
                if (state.compareAndSet(RUNNING, RUNNING_AND_DUE_AGAIN)) {
                    dueContext.set(context);
                    return;
                }
            } else {
                // A run is due already, and it starts after this trigger arrived.
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

    private Duration untilTheGapEnds() {
        Instant started = lastStart;
        if (started == null || spacing.minGap().isZero()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(spacing.clock().instant(), started.plus(spacing.minGap()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void defer(Duration wait) {
        try {
            spacing.deferral().after(wait, this::startDeferred);
        } catch (RuntimeException e) {
            state.set(IDLE);
            log.debug("{}: not deferred, the ingestor is stopping ({})", name, e.toString());
        }
    }

    private void startDeferred() {
        if (state.compareAndSet(DEFERRED, RUNNING)) {
            start();
        }
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
            if (!spacing.minGap().isZero()) {
                lastStart = spacing.clock().instant();
            }
            ContextSnapshot context = dueContext.getAndSet(null);
            try (ContextSnapshot.Scope scope = context == null ? null : context.setThreadLocals()) {
                task.run();
            } catch (RuntimeException e) {
                // The task reports its own failures and schedules its retry; this only keeps the runner alive.
                log.warn("{} failed: {}", name, e.toString());
            }
        } while (dueAgain());
    }

    /** Whether to run again at once; a run due before the end of the gap is deferred to it instead. */
    private boolean dueAgain() {
        while (true) {
            int current = state.get();
            if (current == RUNNING_AND_DUE_AGAIN) {
                Duration wait = untilTheGapEnds();
                if (wait.isZero()) {
                    if (state.compareAndSet(RUNNING_AND_DUE_AGAIN, RUNNING)) {
                        return true;
                    }
                } else if (state.compareAndSet(RUNNING_AND_DUE_AGAIN, DEFERRED)) {
                    defer(wait);
                    return false;
                }
            } else if (state.compareAndSet(RUNNING, IDLE)) {
                return false;
            }
        }
    }
}
