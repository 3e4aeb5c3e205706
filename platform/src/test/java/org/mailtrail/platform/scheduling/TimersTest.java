package org.mailtrail.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimersTest {

    private final Timers timers = new Timers(2);

    @AfterEach
    void stop() {
        timers.destroy();
    }

    @Test
    void keepsAFailingTaskOnItsSchedule() {
        AtomicInteger runs = new AtomicInteger();

        timers.every("a task that always fails", Duration.ZERO, Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    }

    @Test
    void runsADelayedTaskOnce() {
        AtomicInteger runs = new AtomicInteger();

        timers.after("once", Duration.ofMillis(10), runs::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        assertThat(runs).hasValue(1);
    }

    @Test
    void cancelsATaskThroughItsFuture() {
        AtomicInteger runs = new AtomicInteger();

        var future = timers.every("cancelled", Duration.ofHours(1), runs::incrementAndGet);
        future.cancel(false);

        assertThat(future.isCancelled()).isTrue();
        assertThat(runs).hasValue(0);
    }
}
