package org.mailtrail.ingestor.subscription.domain;

import java.time.Instant;

/**
 * A subscription the ingestor created for a connection, with what it was created for, so a change of the
 * connection's settings is noticed.
 *
 * @param target what Graph watches and where it sends notifications
 */
public record StoredSubscription(String connectionId, String subscriptionId, String clientStateHash, Target target,
        Instant expiration, Instant createdAt, Instant renewedAt) {

    /**
     * What a subscription was created for; a connection whose settings now give another target needs a new one.
     *
     * @param resource the folder's messages, as Graph's resource path
     */
    public record Target(String resource, String notificationUrl, String lifecycleUrl, String graphBaseUrl) {
    }

    public StoredSubscription renewedUntil(Instant newExpiration, Instant at) {
        return new StoredSubscription(connectionId, subscriptionId, clientStateHash, target, newExpiration, createdAt,
                at);
    }
}
