package org.mailtrail.ingestor.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The ingestor's threads. Blocking work (Graph calls, sends to Kafka) runs on a pool that grows with the
 * mailboxes being worked on: each connection has at most one delta round and one disposition run at a time
 * ({@link SingleFlight}), so the pool holds at most two threads per connection, and a mailbox that waits never
 * takes a thread another mailbox needs. Timers only trigger work and never block.
 */
@Component
public class Work implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Work.class);

    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("ingestor-work"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ingestor-timer"));

    public ExecutorService workers() {
        return workers;
    }

    /** Runs {@code action} on a worker thread, e.g. what a webhook acknowledged but must not wait for. */
    public void submit(String name, Runnable action) {
        try {
            workers.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("{} failed: {}", name, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: not run, the ingestor is stopping", name);
        }
    }

    public ScheduledFuture<?> after(Duration delay, Runnable trigger) {
        return timer.schedule(guard(trigger), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    public ScheduledFuture<?> every(Duration interval, Runnable trigger) {
        return timer.scheduleWithFixedDelay(guard(trigger), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static Runnable guard(Runnable trigger) {
        return () -> {
            try {
                trigger.run();
            } catch (RuntimeException e) {
                log.warn("a timed trigger failed: {}", e.toString());
            }
        };
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
