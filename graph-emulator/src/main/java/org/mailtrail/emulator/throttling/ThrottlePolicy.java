package org.mailtrail.emulator.throttling;

import java.time.Duration;

/**
 * Limits per (app, mailbox). The defaults are Outlook's published ones: 4 concurrent requests and 10,000
 * requests per 10 minutes.
 *
 * @param concurrencyRetryAfterSeconds the Retry-After of a 429 for exceeding concurrency; the budget's 429
 *                                     says when the oldest request in the window leaves it
 */
public record ThrottlePolicy(boolean enabled, int maxConcurrent, int budget, Duration window,
                             int concurrencyRetryAfterSeconds) {

    public static final ThrottlePolicy GRAPH_DEFAULTS = new ThrottlePolicy(true, 4, 10_000, Duration.ofMinutes(10), 1);

    public ThrottlePolicy {
        if (maxConcurrent < 1 || budget < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("throttling limits must be positive");
        }
    }

    public static ThrottlePolicy disabled() {
        return GRAPH_DEFAULTS.withEnabled(false);
    }

    public ThrottlePolicy withEnabled(boolean value) {
        return new ThrottlePolicy(value, maxConcurrent, budget, window, concurrencyRetryAfterSeconds);
    }

    public ThrottlePolicy withMaxConcurrent(int value) {
        return new ThrottlePolicy(enabled, value, budget, window, concurrencyRetryAfterSeconds);
    }

    public ThrottlePolicy withBudget(int requests, Duration per) {
        return new ThrottlePolicy(enabled, maxConcurrent, requests, per, concurrencyRetryAfterSeconds);
    }

    public ThrottlePolicy withConcurrencyRetryAfterSeconds(int value) {
        return new ThrottlePolicy(enabled, maxConcurrent, budget, window, value);
    }
}
