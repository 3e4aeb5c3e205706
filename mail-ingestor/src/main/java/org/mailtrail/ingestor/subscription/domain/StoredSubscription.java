package org.mailtrail.ingestor.subscription.domain;

import java.time.Instant;

/**
 * A subscription the ingestor created for a connection, with what it was created for, so a change of the
 * connection's settings is noticed.
 */
public record StoredSubscription(String connectionId, String subscriptionId, String clientStateHash, String resource,
        String notificationUrl, String lifecycleUrl, String graphBaseUrl, Instant expiration, Instant createdAt,
        Instant renewedAt) {

    public StoredSubscription renewedUntil(Instant newExpiration, Instant at) {
        return new StoredSubscription(connectionId, subscriptionId, clientStateHash, resource, notificationUrl,
                lifecycleUrl, graphBaseUrl, newExpiration, createdAt, at);
    }
}
