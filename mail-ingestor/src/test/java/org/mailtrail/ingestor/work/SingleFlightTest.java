package org.mailtrail.ingestor.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ManualClock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

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
    void runsInTheObservationOfTheFirstTriggerItAnswers() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        List<String> runIn = new CopyOnWriteArrayList<>();
        CountDownLatch firstRunMayEnd = new CountDownLatch(1);
        SingleFlight flight = new SingleFlight("test", threads, () -> {
            Observation current = registry.getCurrentObservation();
            runIn.add(current == null ? "no observation" : current.getContext().getName());
            if (runIn.size() == 1) {
                awaitQuietly(firstRunMayEnd);
            }
        });

        Observation.createNotStarted("first notification", registry).observe(flight::trigger);
        await().atMost(Duration.ofSeconds(5)).until(() -> runIn.size() == 1);
        Observation.createNotStarted("second notification", registry).observe(flight::trigger);
        Observation.createNotStarted("third notification", registry).observe(flight::trigger);
        firstRunMayEnd.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runIn.size() == 2);
        flight.trigger();
        await().atMost(Duration.ofSeconds(5)).until(() -> runIn.size() == 3);

        assertThat(runIn).containsExactly("first notification", "second notification", "no observation");
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

    /**
     * With a minimum gap between starts, on a clock the test moves and runs the test starts: deferred runs wait in
     * {@link Deferrals} until the test runs them, and each run happens on the thread that starts it.
     */
    @Nested
    class WithAMinimumGap {

        private static final Duration GAP = Duration.ofMillis(500);

        private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        private final Deferrals deferrals = new Deferrals();
        private final AtomicInteger runs = new AtomicInteger();

        private SingleFlight flight(Runnable task) {
            return new SingleFlight("test", Runnable::run, task, new SingleFlight.Spacing(GAP, clock, deferrals));
        }

        @Test
        void foldsEveryTriggerWithinTheGapIntoOneRunAtItsEnd() {
            SingleFlight flight = flight(runs::incrementAndGet);
            flight.trigger();
            clock.advance(Duration.ofMillis(100));

            for (int i = 0; i < 50; i++) {
                flight.trigger();
            }

            assertThat(runs).hasValue(1);
            assertThat(deferrals.delays).containsExactly(Duration.ofMillis(400));
            clock.advance(Duration.ofMillis(400));
            deferrals.runDue();
            assertThat(runs).hasValue(2);
            assertThat(deferrals.delays).as("nothing more deferred").hasSize(1);
        }

        @Test
        void runsAtOnceForATriggerThatComesAfterTheGap() {
            SingleFlight flight = flight(runs::incrementAndGet);
            flight.trigger();
            clock.advance(GAP);

            flight.trigger();

            assertThat(runs).hasValue(2);
            assertThat(deferrals.delays).isEmpty();
        }

        @Test
        void defersTheRunATriggerDuringARunAsksForToTheEndOfTheGap() {
            AtomicReference<SingleFlight> self = new AtomicReference<>();
            // The first run takes 200 ms, and a notification arrives while it runs.
            SingleFlight flight = flight(() -> {
                if (runs.incrementAndGet() == 1) {
                    clock.advance(Duration.ofMillis(200));
                    self.get().trigger();
                }
            });
            self.set(flight);

            flight.trigger();

            assertThat(runs).hasValue(1);
            assertThat(deferrals.delays).containsExactly(Duration.ofMillis(300));
            clock.advance(Duration.ofMillis(300));
            deferrals.runDue();
            assertThat(runs).hasValue(2);
        }

        @Test
        void runsAgainAtOnceWhenARunThatWasAskedForAgainTookLongerThanTheGap() {
            AtomicReference<SingleFlight> self = new AtomicReference<>();
            SingleFlight flight = flight(() -> {
                if (runs.incrementAndGet() == 1) {
                    clock.advance(Duration.ofMillis(700));
                    self.get().trigger();
                }
            });
            self.set(flight);

            flight.trigger();

            assertThat(runs).hasValue(2);
            assertThat(deferrals.delays).isEmpty();
        }

        @Test
        void startsNoDeferredRunOnceStopped() {
            SingleFlight flight = flight(runs::incrementAndGet);
            flight.trigger();
            flight.trigger();

            flight.stop();
            clock.advance(GAP);
            deferrals.runDue();

            assertThat(runs).hasValue(1);
        }

        @Test
        void refusesANegativeGap() {
            assertThatThrownBy(() -> new SingleFlight.Spacing(Duration.ofMillis(-1), clock, deferrals))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        }
    }

    /** Deferred starts, kept until the test runs them. */
    private static final class Deferrals implements SingleFlight.Deferral {

        final List<Duration> delays = new ArrayList<>();
        private final List<Runnable> due = new ArrayList<>();

        @Override
        public void after(Duration delay, Runnable action) {
            delays.add(delay);
            due.add(action);
        }

        void runDue() {
            List<Runnable> now = List.copyOf(due);
            due.clear();
            now.forEach(Runnable::run);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
