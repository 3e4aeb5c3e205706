package org.mailtrail.ingestor.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void foldsAHundredTriggersDuringARunIntoOneMoreRun() {
        CountDownLatch firstRunMayEnd = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        SingleFlight flight = new SingleFlight("test", threads, () -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (runs.incrementAndGet() == 1) {
                awaitQuietly(firstRunMayEnd);
            }
            running.decrementAndGet();
        });

        flight.trigger();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        for (int i = 0; i < 100; i++) {
            flight.trigger();
        }
        firstRunMayEnd.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(mostRunning).hasValue(1);
    }

    @Test
    void runsAgainForATriggerThatArrivesAfterARunEnded() {
        AtomicInteger runs = new AtomicInteger();
        SingleFlight flight = new SingleFlight("test", threads, runs::incrementAndGet);

        flight.trigger();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        flight.trigger();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
    }

    @Test
    void keepsRunningAfterATaskFailed() {
        AtomicInteger runs = new AtomicInteger();
        SingleFlight flight = new SingleFlight("test", threads, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("Graph is down");
            }
        });

        flight.trigger();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        flight.trigger();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
    }

    @Test
    void startsNothingOnceStopped() {
        AtomicInteger runs = new AtomicInteger();
        SingleFlight flight = new SingleFlight("test", threads, runs::incrementAndGet);

        flight.stop();
        flight.trigger();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 0);
        assertThat(flight.isStopped()).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
