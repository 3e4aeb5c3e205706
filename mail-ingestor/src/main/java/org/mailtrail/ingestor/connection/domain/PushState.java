package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Until when Graph pushes notifications for each connection, as its subscription says. Polling reads it to
 * decide how often the safety-net round runs; the subscription's expiry metric reads it too.
 */
@Component
public class PushState {

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public PushState(Clock clock) {
        this.clock = clock;
    }

    public void receivingUntil(String connectionId, Instant expiration) {
        until.put(connectionId, expiration);
    }

    public void notReceiving(String connectionId) {
        until.remove(connectionId);
    }

    public boolean receiving(String connectionId) {
        Instant expiration = until.get(connectionId);
        return expiration != null && expiration.isAfter(clock.instant());
    }

    public Optional<Instant> expiration(String connectionId) {
        return Optional.ofNullable(until.get(connectionId));
    }
}
