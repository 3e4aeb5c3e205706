package org.mailtrail.ingestor.webhook.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.ingestor.IngestorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many notification deliveries each source may send: a token bucket per source address, {@code burst} deep,
 * refilled at {@code perSecond}. Graph spreads its deliveries over many addresses and backs off when answered
 * 429; a sender that floods the webhook is held to the rate without slowing anyone else. The buckets of sources
 * that went quiet are dropped once there are many, and all of them when that is not enough, so a flood from ever
 * new addresses cannot grow them (or the time spent on them) without bound.
 */
@Component
public class DeliveryRateLimiter {

    /** More sources than this and the full buckets (those of sources that went quiet) are dropped. */
    static final int MAX_SOURCES = 10_000;

    private static final class Bucket {
        private double tokens;
        private Instant refilledAt;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.refilledAt = at;
        }
    }

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public DeliveryRateLimiter(IngestorProperties properties, Clock clock) {
        this(properties.webhook().deliveriesPerSecond(), properties.webhook().deliveryBurst(), clock);
    }

    DeliveryRateLimiter(int perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one delivery of {@code source}'s allowance; when there is none, how long until there is. */
    public Optional<Duration> refusal(String source) {
        if (buckets.size() >= MAX_SOURCES) {
            forgetQuietSources();
            if (buckets.size() >= MAX_SOURCES) {
                buckets.clear();
            }
        }
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long millis = (long) Math.ceil((1 - bucket.tokens) / perSecond * 1000);
            return Optional.of(Duration.ofMillis(Math.max(1, millis)));
        }
    }

    /** How many sources have a bucket. */
    int sources() {
        return buckets.size();
    }

    private void refill(Bucket bucket, Instant now) {
        double seconds = Math.max(0, Duration.between(bucket.refilledAt, now).toNanos() / 1e9);
        bucket.tokens = Math.min(burst, bucket.tokens + seconds * perSecond);
        bucket.refilledAt = now;
    }

    /** A source whose bucket is full again has sent nothing lately: it starts afresh if it comes back. */
    private void forgetQuietSources() {
        Instant now = clock.instant();
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                refill(entry.getValue(), now);
                return entry.getValue().tokens >= burst;
            }
        });
    }
}
