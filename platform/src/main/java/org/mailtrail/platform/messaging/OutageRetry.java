package org.mailtrail.platform.messaging;

import java.time.Duration;

import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells an outage of MongoDB or the Kafka broker from any other failure, and holds a write that must outlast one.
 * Consumers do not use {@link #hold}: their listener containers pause and retry ({@link ConsumerFailures}). It is for
 * work on a service's own threads that records what was already done elsewhere (a mail moved in Graph), which,
 * given up, would make that work be done again: the write is repeated with growing pauses until it succeeds or
 * {@code maxWait} has passed.
 */
public final class OutageRetry {

    private static final Logger log = LoggerFactory.getLogger(OutageRetry.class);

    private final Duration maxWait;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Counter held;

    public OutageRetry(Duration maxWait, Duration firstPause, Duration longestPause, MeterRegistry meters) {
        this.maxWait = maxWait;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.held = Counter.builder("mailtrail.messages.held")
                .description("Handler calls and writes repeated because MongoDB or the Kafka broker was unreachable")
                .register(meters);
    }

    /** Runs {@code action}, repeating it while it fails for an outage, for at most {@code maxWait}. */
    public void hold(Runnable action) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Duration pause = firstPause;
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!isOutage(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                if (pause.equals(firstPause)) {
                    log.warn("Infrastructure unreachable ({}); holding the work until it is back, at most {}",
                            rootMessage(e), maxWait);
                }
                held.increment();
                pause(pause, e);
                pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
            }
        }
    }

    /** Whether the failure, or anything that caused it, says a store or the broker could not be reached. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof RetriableException
                    || cause instanceof InfrastructureUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration pause, RuntimeException failure) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            // The container is stopping: give the message back unprocessed; it is redelivered after the restart.
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
