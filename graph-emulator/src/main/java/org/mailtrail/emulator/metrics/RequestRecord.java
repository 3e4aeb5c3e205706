package org.mailtrail.emulator.metrics;

import java.time.Instant;

import org.mailtrail.emulator.throttling.RetryAfterTracker;

/**
 * One answered Graph request. {@code arrivedAt} is what a Retry-After check compares: when the request reached
 * the emulator, before any injected delay.
 *
 * @param appId             the calling app, {@code null} when the token was missing or bad
 * @param mailbox           the addressed mailbox, {@code null} for calls that address none
 * @param retryAfterSeconds the Retry-After sent with a 429 or 503, else {@code null}
 * @param earlyRetry        whether it arrived before an earlier Retry-After for the same app and mailbox elapsed
 * @param inBatch           whether it was an item of a {@code $batch}
 * @param early             when {@code earlyRetry}: how early, and the answer whose Retry-After it did not wait
 *                          out; else {@code null}
 */
public record RequestRecord(Instant arrivedAt, Instant answeredAt, String appId, String mailbox, String operation, String method,
                            String path, int status, Integer retryAfterSeconds, boolean earlyRetry,
                            boolean inBatch, long durationMillis, RetryAfterTracker.Early early) {
}
