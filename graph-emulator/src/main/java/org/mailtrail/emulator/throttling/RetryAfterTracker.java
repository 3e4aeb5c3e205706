package org.mailtrail.emulator.throttling;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per (app, mailbox), until when the last 429 or 503 asked the client to wait, so a request that
 * arrives earlier can be flagged. The instant is taken before the answer is written, so a client that waits the
 * full Retry-After after reading it is never flagged.
 */
public final class RetryAfterTracker {

    private final Clock clock;
    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

    public RetryAfterTracker(Clock clock) {
        this.clock = clock;
    }

    public void answered(String appId, String mailbox, long retryAfterSeconds) {
        long until = clock.millis() + retryAfterSeconds * 1000;
        notBefore.merge(key(appId, mailbox), until, Math::max);
    }

    /** Whether a request from this app to this mailbox arriving now is earlier than it was asked to wait. */
    public boolean isEarly(String appId, String mailbox) {
        Long until = notBefore.get(key(appId, mailbox));
        return until != null && clock.millis() < until;
    }

    public void reset() {
        notBefore.clear();
    }

    private static String key(String appId, String mailbox) {
        return appId + "|" + (mailbox == null ? "" : mailbox.toLowerCase(Locale.ROOT));
    }
}
