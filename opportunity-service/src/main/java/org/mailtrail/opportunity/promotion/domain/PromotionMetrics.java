package org.mailtrail.opportunity.promotion.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.mailtrail.events.opportunity.RejectionReason;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators watch of promotions: how each command ended ({@value #COMPLETED}, by outcome and
 * reason), how long a requester waited for that end ({@value #SETTLED}, from the command's
 * occurredAt, including any wait for the interaction), and how long the consumer spends on one
 * delivery of a command ({@value #HANDLED}, by what it did with it). The timers publish histograms,
 * so percentiles are computed in Prometheus ({@code histogram_quantile}) across every instance.
 */
@Component
public class PromotionMetrics {

    public static final String COMPLETED = "mailtrail.promotions.completed";
    public static final String SETTLED = "mailtrail.promotions.settled";
    public static final String HANDLED = "mailtrail.promotion.commands.handled";

    /** An opportunity was created for the command. */
    public static final String CREATED = "created";
    /** The interaction already had its opportunity; the command was answered with it. */
    public static final String EXISTING = "existing";
    public static final String REJECTED = "rejected";

    private static final String NO_REASON = "none";

    private final MeterRegistry meters;
    private final Clock clock;

    PromotionMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        // Registered up front so dashboards and alerts see zeros rather than no series.
        completedCounter(CREATED, NO_REASON);
        completedCounter(EXISTING, NO_REASON);
        for (RejectionReason reason : RejectionReason.values()) {
            completedCounter(REJECTED, reason.name());
        }
    }

    void accepted(boolean created, Instant requestedAt) {
        completed(created ? CREATED : EXISTING, NO_REASON, requestedAt);
    }

    void rejected(RejectionReason reason, Instant requestedAt) {
        completed(REJECTED, reason.name(), requestedAt);
    }

    /** @param result what the delivery did: completed, waiting, repeat, invalid or failed (to be retried) */
    Timer handled(String result) {
        return Timer.builder(HANDLED)
                .description("Time the consumer spends on one delivery of a PromoteInteraction")
                .tag("result", result)
                .publishPercentileHistogram()
                .register(meters);
    }

    private void completed(String outcome, String reason, Instant requestedAt) {
        completedCounter(outcome, reason).increment();
        if (requestedAt != null) {
            Duration settled = Duration.between(requestedAt, clock.instant());
            Timer.builder(SETTLED)
                    .description("Time from a promotion command's issue to its outcome")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(5))
                    .register(meters)
                    .record(settled.isNegative() ? Duration.ZERO : settled);
        }
    }

    private Counter completedCounter(String outcome, String reason) {
        return Counter.builder(COMPLETED)
                .description("Promotion commands by outcome: created, existing (answered with the interaction's "
                        + "opportunity) or rejected, with the reason")
                .tag("outcome", outcome).tag("reason", reason)
                .register(meters);
    }
}
