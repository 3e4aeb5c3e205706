package org.mailtrail.ingestor.subscription.domain;

import java.time.Instant;

/**
 * A subscription the ingestor created for a connection, with what it was created for, so a change of the
 * connection's settings is noticed.
 *
 * @param target what Graph watches and where it sends notifications
 * @param tenantId the directory (tenant) id Graph puts in the subscription's notifications; absent for a
 *        subscription stored before it was recorded, until its next renewal
 */
public record StoredSubscription(String connectionId, String subscriptionId, String clientStateHash, Target target,
        Instant expiration, Instant createdAt, Instant renewedAt, String tenantId) {

    /**
     * What a subscription was created for; a connection whose settings now give another target needs a new one.
     *
     * @param resource the folder's messages, as Graph's resource path
     */
    public record Target(String resource, String notificationUrl, String lifecycleUrl, String graphBaseUrl) {
    }

    public StoredSubscription renewedUntil(Instant newExpiration, Instant at, String tenant) {
        return new StoredSubscription(connectionId, subscriptionId, clientStateHash, target, newExpiration, createdAt,
                at, tenant == null ? tenantId : tenant);
    }
}
