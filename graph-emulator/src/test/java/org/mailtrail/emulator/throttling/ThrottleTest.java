package org.mailtrail.emulator.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-03-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void refusesTheFifthConcurrentRequestOfAnAppToAMailboxUntilOneIsReleased() {
        Throttle throttle = new Throttle(clock, ThrottlePolicy.GRAPH_DEFAULTS);
        Throttle.Admitted first = (Throttle.Admitted) throttle.tryAcquire("app", "box@contoso.com");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAcquire("app", "box@contoso.com")).isInstanceOf(Throttle.Admitted.class);
        }

        assertThat(throttle.tryAcquire("app", "BOX@contoso.com"))
                .isEqualTo(new Throttle.Refused(Throttle.Cause.CONCURRENCY, 1));
        assertThat(throttle.tryAcquire("other-app", "box@contoso.com")).isInstanceOf(Throttle.Admitted.class);
        assertThat(throttle.tryAcquire("app", "other@contoso.com")).isInstanceOf(Throttle.Admitted.class);

        first.release();
        first.release();
        assertThat(throttle.tryAcquire("app", "box@contoso.com")).isInstanceOf(Throttle.Admitted.class);
        assertThat(throttle.tryAcquire("app", "box@contoso.com")).isInstanceOf(Throttle.Refused.class);
    }

    @Test
    void refusesRequestsOverTheBudgetUntilTheOldestLeavesTheWindow() {
        Throttle throttle = new Throttle(clock, ThrottlePolicy.GRAPH_DEFAULTS.withBudget(3, Duration.ofMinutes(10)));
        for (int i = 0; i < 3; i++) {
            ((Throttle.Admitted) throttle.tryAcquire("app", "box")).release();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.tryAcquire("app", "box")).isEqualTo(new Throttle.Refused(Throttle.Cause.BUDGET, 420));

        clock.advance(Duration.ofMinutes(7));
        assertThat(throttle.tryAcquire("app", "box")).isInstanceOf(Throttle.Admitted.class);
    }

    @Test
    void admitsEverythingWhenDisabled() {
        Throttle throttle = new Throttle(clock, ThrottlePolicy.disabled().withBudget(1, Duration.ofMinutes(1)));

        for (int i = 0; i < 20; i++) {
            assertThat(throttle.tryAcquire("app", "box")).isInstanceOf(Throttle.Admitted.class);
        }
    }

    @Test
    void flagsARequestArrivingBeforeTheLastRetryAfterElapsed() {
        RetryAfterTracker tracker = new RetryAfterTracker(clock);
        tracker.answered("app", "box", 2, "messages.delta", "/v1.0/users/box/messages/delta");

        clock.advance(Duration.ofMillis(1999));
        assertThat(tracker.isEarly("app", "box")).isTrue();
        assertThat(tracker.isEarly("app", "other")).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(tracker.isEarly("app", "box")).isFalse();
    }
}
