package org.mailtrail.ingestor.work;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.context.ContextSnapshotFactory;

/**
 * The threads the ingestor's blocking work runs on: Graph calls and sends to Kafka. The pool grows with the
 * mailboxes being worked on: each connection has at most one delta round, one disposition run and one piece of
 * subscription work at a time ({@link SingleFlight}), so a mailbox that waits out a Retry-After never takes a
 * thread another mailbox needs. Timers (the platform's) only trigger work here and never block.
 */
@Component
public class WorkerPool implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final ContextSnapshotFactory CONTEXTS = ContextSnapshotFactory.builder().build();

    private final ExecutorService threads = Executors.newCachedThreadPool(daemon("ingestor-work"));

    /** Where a {@link SingleFlight} runs. */
    public Executor executor() {
        return threads;
    }

    /**
     * Runs {@code action} on a worker thread, e.g. what a webhook acknowledged but must not wait for, in the trace
     * of the caller.
     */
    public void submit(String name, Runnable action) {
        Runnable inCallersContext = CONTEXTS.captureAll().wrap(action);
        try {
            threads.execute(() -> {
                try {
                    inCallersContext.run();
                } catch (RuntimeException e) {
                    log.warn("{} failed: {}", name, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{}: not run, the ingestor is stopping", name);
        }
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
