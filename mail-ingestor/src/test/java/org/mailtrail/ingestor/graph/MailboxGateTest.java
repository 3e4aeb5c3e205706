package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.platform.graph.MailboxPermits;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import com.microsoft.kiota.ResponseHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MailboxGateTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter waited = registry.counter("mailtrail.graph.retry.after.wait");
    private static final Duration CALM = Duration.ofSeconds(60);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private MailboxGate gate(int concurrent, int budget, Duration window, int attempts) {
        return new MailboxGate("sales@contoso.com", budget, window, attempts, CALM, Clock.systemUTC(), waited,
                new InProcessPermits(concurrent));
    }

    private static ApiException answered(int status, String retryAfter) {
        ResponseHeaders headers = new ResponseHeaders();
        if (retryAfter != null) {
            headers.add("Retry-After", retryAfter);
        }
        return new ApiExceptionBuilder().withMessage("answered " + status).withResponseStatusCode(status)
                .withResponseHeaders(headers).build();
    }

    @Test
    void sendsTheRequestAgainOnlyAfterTheRetryAfterHasElapsedAndCountsTheWait() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 3);
        List<Instant> sent = new ArrayList<>();

        String answer = gate.call(1, 1, () -> { }, () -> {
            sent.add(Instant.now());
            if (sent.size() == 1) {
                throw answered(429, "1");
            }
            return "moved";
        });

        assertThat(answer).isEqualTo("moved");
        assertThat(Duration.between(sent.get(0), sent.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(waited.count()).isGreaterThan(0.5);
    }

    @Test
    void holdsBackEveryOtherRequestToTheMailboxUntilTheRetryAfterHasElapsed() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 3);
        Instant throttledAt = Instant.now();
        gate.holdOff(Duration.ofMillis(800));

        Instant sent = gate.call(1, 1, () -> { }, Instant::now);

        assertThat(Duration.between(throttledAt, sent)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(gate.oneAtATime()).isTrue();
    }

    @Test
    void givesUpAfterTheLastAttemptWithGraphsAnswerAndStillHoldsTheNextRequestBack() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 2);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> gate.call(1, 1, () -> { }, () -> {
            attempts.incrementAndGet();
            throw answered(503, "0");
        })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(503));
        assertThat(attempts).hasValue(2);
    }

    /**
     * What a connection's start did without a calm first period: its subscription and its first delta round went
     * out side by side, Graph throttled one, and the other was already on its way (seen in a full chaos run as a
     * subscription arriving 67 ms after the delta's 429).
     */
    @Test
    void withoutACalmStartASecondRequestIsOnItsWayBeforeTheFirstIsThrottled() throws Exception {
        MailboxGate gate = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, Duration.ZERO,
                Clock.systemUTC(), waited, new InProcessPermits(4));
        Started started = startSideBySide(gate);

        await().atMost(Duration.ofSeconds(5)).until(() -> started.second.get() != null);
        started.answerFirst.countDown();
        started.secondDone.get(5, TimeUnit.SECONDS);
        // The first request's thread notes when it was throttled; the second's end does not wait for that.
        await().atMost(Duration.ofSeconds(5)).until(() -> started.throttled.get() != null);

        assertThat(started.second.get()).as("the second request went out").isBefore(started.throttled.get());
    }

    @Test
    void withACalmStartASecondRequestWaitsForTheFirstsAnswerAndItsRetryAfter() throws Exception {
        Started started = startSideBySide(gate(4, 100, Duration.ofMinutes(10), 1));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> started.second.get() == null);
        started.answerFirst.countDown();
        started.secondDone.get(10, TimeUnit.SECONDS);

        assertThat(Duration.between(started.throttled.get(), started.second.get()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    private record Started(CountDownLatch answerFirst, AtomicReference<Instant> throttled,
            AtomicReference<Instant> second, Future<?> secondDone) {
    }

    /** A first request that is answered 429 (Retry-After 1 s) once let go, and a second one asked for meanwhile. */
    private Started startSideBySide(MailboxGate gate) throws InterruptedException {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch answerFirst = new CountDownLatch(1);
        AtomicReference<Instant> throttled = new AtomicReference<>();
        AtomicReference<Instant> second = new AtomicReference<>();
        threads.execute(() -> {
            try {
                gate.call(1, 1, () -> { }, () -> {
                    firstInside.countDown();
                    awaitQuietly(answerFirst);
                    throttled.set(Instant.now());
                    throw answered(429, "1");
                });
            } catch (ApiException expected) {
                // its one attempt was throttled
            }
        });
        assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();
        Future<?> secondDone = threads.submit(() -> gate.call(1, 1, () -> { }, () -> {
            second.set(Instant.now());
            return null;
        }));
        return new Started(answerFirst, throttled, second, secondDone);
    }

    @Test
    void runsRequestsOneAtATimeInItsFirstMinuteWhenNoneHasBeenAnsweredYet() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 1);

        assertThat(gate.oneAtATime()).isTrue();
    }

    @Test
    void letsAtMostTheConfiguredNumberOfRequestsRunAtOnce() throws Exception {
        MovableClock clock = new MovableClock();
        MailboxGate gate = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM, clock, waited,
                new InProcessPermits(4));
        clock.skip(CALM.plusSeconds(1));

        assertThat(mostInFlight(List.of(gate), 6, 4)).isEqualTo(4);
    }

    @Test
    void keepsTheRequestsOfTwoProcessesTogetherWithinTheMailboxsPermits() throws Exception {
        MovableClock clock = new MovableClock();
        MailboxPermits shared = new InProcessPermits(4);
        MailboxGate here = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM, clock, waited,
                shared);
        MailboxGate elsewhere = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM, clock,
                waited, shared);
        clock.skip(CALM.plusSeconds(1));

        assertThat(mostInFlight(List.of(here, elsewhere), 4, 4)).as("in flight from both gates together")
                .isEqualTo(4);
    }

    /**
     * Sends {@code each} requests through every gate at once and holds them until {@code limit} are inside and
     * stay so; answers how many were inside at most.
     */
    private int mostInFlight(List<MailboxGate> gates, int each, int limit) {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        for (MailboxGate gate : gates) {
            for (int i = 0; i < each; i++) {
                threads.execute(() -> gate.call(1, 1, () -> { }, () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    awaitQuietly(release);
                    inside.decrementAndGet();
                    return null;
                }));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == limit);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inside.get() == limit);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 0);
        return mostInside.get();
    }

    @Test
    void keepsItsOwnSlotsWhenTheSharedPermitsCannotBeGivenBack() {
        MovableClock clock = new MovableClock();
        MailboxPermits inProcess = new InProcessPermits(4);
        AtomicInteger refusedGiveBacks = new AtomicInteger();
        // As during a MongoDB outage: the answer is in, but the permits cannot be given back (their lease frees them).
        MailboxPermits storeDown = new MailboxPermits() {
            @Override
            public int perMailbox() {
                return 4;
            }

            @Override
            public Held acquire(String mailbox, int count) throws InterruptedException {
                inProcess.acquire(mailbox, count).close();
                return new Held() {
                    @Override
                    public int count() {
                        return count;
                    }

                    @Override
                    public void close() {
                        refusedGiveBacks.incrementAndGet();
                        throw new IllegalStateException("store unreachable");
                    }
                };
            }
        };
        MailboxGate gate = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM, clock, waited,
                storeDown);
        clock.skip(CALM.plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            assertThat(gate.call(1, 1, () -> { }, () -> "answered")).isEqualTo("answered");
        }

        assertThat(refusedGiveBacks).hasValue(4);
        assertThat(mostInFlight(List.of(gate), 6, 4)).as("the gate's own slots, all free again").isEqualTo(4);
    }

    @Test
    void takesEveryPermitWhileTheMailboxGoesOneAtATimeSoNoOtherProcessSendsEither() throws Exception {
        MailboxPermits shared = new InProcessPermits(4);
        MailboxGate calm = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM,
                Clock.systemUTC(), waited, shared);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.execute(() -> calm.call(1, 1, () -> { }, () -> {
            inside.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        Future<MailboxPermits.Held> otherProcess = threads.submit(() -> shared.acquire("sales@contoso.com", 1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !otherProcess.isDone());
        release.countDown();
        otherProcess.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void runsRequestsOneAtATimeOnceTheMailboxHasBeenThrottled() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 1);
        gate.holdOff(Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            threads.execute(() -> gate.call(1, 1, () -> { }, () -> {
                inside.incrementAndGet();
                awaitQuietly(release);
                inside.decrementAndGet();
                return null;
            }));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inside.get() == 1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 0);
    }

    @Test
    void waitsForTheBudgetWindowOnceItsRequestsAreUsedUp() {
        MailboxGate gate = gate(4, 3, Duration.ofMillis(600), 1);
        Instant first = Instant.now();
        for (int i = 0; i < 3; i++) {
            gate.call(1, 1, () -> { }, () -> null);
        }

        Instant fourth = gate.call(1, 1, () -> { }, Instant::now);

        assertThat(Duration.between(first, fourth)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(gate.admittedInWindow()).isLessThanOrEqualTo(3);
    }

    @Test
    void countsTheItemsOfABatchAgainstTheBudget() {
        MailboxGate gate = gate(4, 25, Duration.ofMinutes(10), 1);

        gate.call(20, 4, () -> { }, () -> null);

        assertThat(gate.admittedInWindow()).isEqualTo(20);
    }

    @Test
    void givesTheItemsGraphSkippedBackToTheBudget() {
        MailboxGate gate = gate(4, 25, Duration.ofMinutes(10), 1);

        gate.call(20, 1, () -> { }, () -> 17, skipped -> skipped);

        assertThat(gate.admittedInWindow()).isEqualTo(3);
    }

    @Test
    void saysItWasThrottledOnlyAfterARetryAfterAndForTheCalmPeriodAfterIt() {
        MovableClock clock = new MovableClock();
        MailboxGate gate = new MailboxGate("sales@contoso.com", 100, Duration.ofMinutes(10), 1, CALM, clock, waited,
                new InProcessPermits(4));
        assertThat(gate.oneAtATime()).as("its first calm period").isTrue();
        assertThat(gate.throttledRecently()).as("before any Retry-After").isFalse();

        gate.holdOff(Duration.ofSeconds(1));
        assertThat(gate.throttledRecently()).isTrue();
        clock.skip(CALM);
        assertThat(gate.throttledRecently()).as("within the calm period after the Retry-After").isTrue();
        clock.skip(Duration.ofSeconds(2));
        assertThat(gate.throttledRecently()).isFalse();
    }

    @Test
    void fetchesAFreshTokenOnceWhenGraphRefusesTheToken() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 3);
        AtomicInteger refreshed = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> gate.call(1, 1, refreshed::incrementAndGet, () -> {
            attempts.incrementAndGet();
            throw answered(401, null);
        })).isInstanceOf(ApiException.class);
        assertThat(refreshed).hasValue(1);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void readsRetryAfterInSecondsAsADateOrFallsBackToABackoff() {
        MailboxGate gate = gate(4, 100, Duration.ofMinutes(10), 3);
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().plusSeconds(3).atOffset(ZoneOffset.UTC));

        assertThat(gate.retryAfter("7", 1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(gate.retryAfter(inTwoSeconds, 1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(gate.retryAfter((String) null, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(gate.retryAfter((String) null, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(gate.retryAfter("soon", 20)).isEqualTo(Duration.ofSeconds(60));
    }

    /** The system's time, moved on by what a test skips. */
    private static final class MovableClock extends Clock {
        private volatile Duration skipped = Duration.ZERO;

        void skip(Duration by) {
            skipped = skipped.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skipped);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
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
