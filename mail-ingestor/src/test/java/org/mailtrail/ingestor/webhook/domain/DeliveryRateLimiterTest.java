package org.mailtrail.ingestor.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ManualClock;

class DeliveryRateLimiterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T09:00:00Z"));

    @Test
    void letsASourceSendItsBurstThenAsManyAsTheRateRefillsAndSaysHowLongToWait() {
        DeliveryRateLimiter limiter = new DeliveryRateLimiter(10, 3, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.refusal("203.0.113.7")).as("delivery %d of the burst", i + 1).isEmpty();
        }
        assertThat(limiter.refusal("203.0.113.7")).contains(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.refusal("203.0.113.7")).isEmpty();
        assertThat(limiter.refusal("203.0.113.7")).isPresent();
    }

    @Test
    void holdsOneSourceToItsRateWithoutSlowingAnother() {
        DeliveryRateLimiter limiter = new DeliveryRateLimiter(1, 2, clock);
        limiter.refusal("203.0.113.7");
        limiter.refusal("203.0.113.7");

        assertThat(limiter.refusal("203.0.113.7")).isPresent();
        assertThat(limiter.refusal("198.51.100.20")).isEmpty();
    }

    @Test
    void keepsNoMoreBucketsThanItsBoundWhateverNumberOfSourcesSends() {
        DeliveryRateLimiter limiter = new DeliveryRateLimiter(1, 2, clock);

        for (int i = 0; i < DeliveryRateLimiter.MAX_SOURCES * 3; i++) {
            limiter.refusal("source-" + i);
        }

        assertThat(limiter.sources()).isLessThanOrEqualTo(DeliveryRateLimiter.MAX_SOURCES);
    }
}
