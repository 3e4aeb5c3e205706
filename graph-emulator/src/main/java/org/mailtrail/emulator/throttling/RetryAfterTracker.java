package org.mailtrail.emulator.throttling;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per (app, mailbox), until when the last 429 or 503 asked the client to wait, and which request was
 * answered so, so a request that arrives earlier can be flagged with how early it was and why. The instant is
 * taken before the answer is written, so a client that waits the full Retry-After after reading it is never
 * flagged.
 */
public final class RetryAfterTracker {

    /** The answer that asked the client to wait: until when, and the request it was given to. */
    public record Wait(Instant until, Instant answeredAt, String operation, String path) {
    }

    /** A request that arrived {@code byMillis} before the wait {@code askedBy} an earlier answer was over. */
    public record Early(long byMillis, Wait askedBy) {
    }

    private final Clock clock;
    private final Map<String, Wait> waits = new ConcurrentHashMap<>();

    public RetryAfterTracker(Clock clock) {
        this.clock = clock;
    }

    public void answered(String appId, String mailbox, long retryAfterSeconds, String operation, String path) {
        Instant now = clock.instant();
        Wait wait = new Wait(now.plusSeconds(retryAfterSeconds), now, operation, path);
        waits.merge(key(appId, mailbox), wait, (old, fresh) -> fresh.until().isAfter(old.until()) ? fresh : old);
    }

    /** How early a request from this app to this mailbox arriving now is, if it is. */
    public Optional<Early> early(String appId, String mailbox) {
        Wait wait = waits.get(key(appId, mailbox));
        if (wait == null) {
            return Optional.empty();
        }
        long byMillis = wait.until().toEpochMilli() - clock.millis();
        return byMillis > 0 ? Optional.of(new Early(byMillis, wait)) : Optional.empty();
    }

    public boolean isEarly(String appId, String mailbox) {
        return early(appId, mailbox).isPresent();
    }

    public void reset() {
        waits.clear();
    }

    private static String key(String appId, String mailbox) {
        return appId + "|" + (mailbox == null ? "" : mailbox.toLowerCase(Locale.ROOT));
    }
}
