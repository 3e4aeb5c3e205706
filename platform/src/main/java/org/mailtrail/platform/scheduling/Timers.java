package org.mailtrail.platform.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one way a service runs something later or at a fixed delay: Spring's task scheduler on a few
 * daemon threads, with durations taken from typed properties. A task that fails is logged with its
 * name and runs again at its next time; it never stops its schedule. Tasks should be short or hand
 * their work on: a task that blocks holds one of the few timer threads.
 */
public class Timers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Timers.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public Timers(int threads) {
        scheduler.setPoolSize(threads);
        scheduler.setThreadNamePrefix("mailtrail-timer-");
        scheduler.setDaemon(true);
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.initialize();
    }

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    public ScheduledFuture<?> every(String name, Duration interval, Runnable task) {
        return every(name, interval, interval, task);
    }

    /** Runs {@code task} after {@code first}, then {@code interval} after each run ends. */
    public ScheduledFuture<?> every(String name, Duration first, Duration interval, Runnable task) {
        return scheduler.scheduleWithFixedDelay(guarded(name, task), Instant.now().plus(first), interval);
    }

    /** Runs {@code task} once, after {@code delay} (at once when it is zero or negative). */
    public ScheduledFuture<?> after(String name, Duration delay, Runnable task) {
        return scheduler.schedule(guarded(name, task), Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay));
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }

    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.toString());
            }
        };
    }
}
