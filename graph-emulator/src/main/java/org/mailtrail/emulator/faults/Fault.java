package org.mailtrail.emulator.faults;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A fault to inject into Graph requests (never into the token endpoint or the control API). Each item of a
 * {@code $batch} is a request of its own here, and so is the {@code POST /$batch} that carries them.
 *
 * @param status            429 or 503 to answer with, 400 to refuse the request, or {@code null} to only delay
 * @param retryAfterSeconds the Retry-After to send with the status, or {@code null} for none
 * @param delayMillis       how long to hold the request before answering (it keeps its throttling slot)
 * @param count             how many requests to affect, or {@code null} for all until cleared
 * @param fraction          the share of matching requests to affect, 1.0 for every one
 * @param match             a regular expression found in {@code "METHOD /v1.0/path?query"}, or {@code null} for any
 */
public record Fault(Integer status, Integer retryAfterSeconds, Long delayMillis, Integer count, Double fraction,
                    String match) {

    public Fault {
        if (status != null && status != 400 && status != 429 && status != 503) {
            throw new IllegalArgumentException("a fault answers 400, 429 or 503, not " + status);
        }
        if (status == null && (delayMillis == null || delayMillis <= 0)) {
            throw new IllegalArgumentException("a fault needs a status (400, 429 or 503) or a delay");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (fraction != null && (fraction <= 0 || fraction > 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]");
        }
        if (match != null) {
            Pattern.compile(match);
        }
    }

    /** The next request answered 429 with this Retry-After; narrow it with {@link #times}, {@link #matching}. */
    public static Fault throttle(int retryAfterSeconds) {
        return new Fault(429, retryAfterSeconds, null, 1, null, null);
    }

    /** The next request refused with 400, as Graph refuses a request it will never accept in that form. */
    public static Fault refuse() {
        return new Fault(400, null, null, 1, null, null);
    }

    public static Fault unavailable(Integer retryAfterSeconds) {
        return new Fault(503, retryAfterSeconds, null, 1, null, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(null, null, delay.toMillis(), 1, null, null);
    }

    public Fault times(int value) {
        return new Fault(status, retryAfterSeconds, delayMillis, value, fraction, match);
    }

    /** Affects every matching request until the fault is removed. */
    public Fault always() {
        return new Fault(status, retryAfterSeconds, delayMillis, null, fraction, match);
    }

    public Fault fraction(double value) {
        return new Fault(status, retryAfterSeconds, delayMillis, count, value, match);
    }

    public Fault matching(String regex) {
        return new Fault(status, retryAfterSeconds, delayMillis, count, fraction, regex);
    }

    public Fault delayed(Duration delay) {
        return new Fault(status, retryAfterSeconds, delay.toMillis(), count, fraction, match);
    }
}
