package org.mailtrail.localrun.benchmark;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Sends {@code rate} items a second for a duration, on a scheduler tick of one item's interval (1 ms at the
 * least): each tick sends what is due by then, so a late tick catches up instead of lowering the rate, and
 * nothing spins between ticks.
 */
final class Pacer {

    private final ScheduledExecutorService scheduler;

    Pacer(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Calls {@code send} with 0, 1, 2, … ; completes with the number sent once all {@code rate × duration} are. */
    CompletableFuture<Long> run(int rate, Duration duration, LongConsumer send) {
        long total = Math.max(1, rate * duration.toMillis() / 1000);
        long tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1) / rate);
        CompletableFuture<Long> done = new CompletableFuture<>();
        long start = System.nanoTime();
        long[] sent = {0};
        ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                return;
            }
            try {
                long due = Math.min(total, (System.nanoTime() - start) * rate / TimeUnit.SECONDS.toNanos(1) + 1);
                while (sent[0] < due) {
                    send.accept(sent[0]++);
                }
                if (sent[0] == total) {
                    done.complete(total);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, tickNanos, TimeUnit.NANOSECONDS);
        done.whenComplete((count, failure) -> ticks.cancel(false));
        return done;
    }
}
