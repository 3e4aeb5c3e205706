package org.mailtrail.ingestor.subscription.domain;

import java.time.Instant;

/**
 * A subscription the ingestor created for a connection, with what it was created for, so a change of the
 * connection's settings is noticed.
 *
 * @param target what Graph watches and where it sends notifications
 * @param tenantId the directory (tenant) id Graph puts in the subscription's notifications; absent for a
 *        subscription stored before it was recorded, until its next renewal
 * @param certificateId the certificate Graph encrypts the mail in the subscription's notifications with (its
 *        {@code encryptionCertificateId}); absent for a basic subscription, whose notifications carry no mail
 */
public record StoredSubscription(String connectionId, String subscriptionId, String clientStateHash, Target target,
        Instant expiration, Instant createdAt, Instant renewedAt, String tenantId, String certificateId) {

    /**
     * What a subscription was created for; a connection whose settings now give another target needs a new one.
     *
     * @param resource the folder's messages, as Graph's resource path (with the {@code $select} of the properties a
     *        rich subscription's notifications carry)
     */
    public record Target(String resource, String notificationUrl, String lifecycleUrl, String graphBaseUrl) {
    }

    /** Whether Graph includes the mail in the subscription's notifications ({@code includeResourceData}). */
    public boolean rich() {
        return certificateId != null;
    }

    /** Renewed, and for a rich subscription encrypting with {@code certificate} from now on. */
    public StoredSubscription renewedUntil(Instant newExpiration, Instant at, String tenant, String certificate) {
        return new StoredSubscription(connectionId, subscriptionId, clientStateHash, target, newExpiration, createdAt,
                at, tenant == null ? tenantId : tenant, certificate);
    }
}
