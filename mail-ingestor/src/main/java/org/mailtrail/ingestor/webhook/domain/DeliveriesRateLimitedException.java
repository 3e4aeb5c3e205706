package org.mailtrail.ingestor.webhook.domain;

import java.time.Duration;

import org.mailtrail.ingestor.IngestorProblems;
import org.mailtrail.platform.problem.ProblemException;

/** A source sent more deliveries than it may: 429 {@code notifications-rate-limited}, with a Retry-After. */
public class DeliveriesRateLimitedException extends ProblemException {

    public DeliveriesRateLimitedException(Duration retryAfter) {
        super(IngestorProblems.NOTIFICATIONS_RATE_LIMITED, "too many notification deliveries from this source; "
                + "send again after the Retry-After");
        header("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
    }
}
