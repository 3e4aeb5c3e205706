package org.mailtrail.emulator.subscription;

import java.time.Instant;
import java.util.List;

/**
 * A change-notification subscription on a mailbox's messages, all of it or one folder's.
 *
 * @param folderId      the watched folder, or {@code null} for the whole mailbox
 * @param immutableIds  whether it was created with {@code Prefer: IdType="ImmutableId"}; its notifications then
 *                      carry immutable ids
 */
public record Subscription(String id, String tenantId, String appId, String resource, String mailboxId,
                           String mailboxAddress, String folderId, List<String> changeTypes, String notificationUrl,
                           String lifecycleNotificationUrl, String clientState, Instant expiration,
                           boolean immutableIds, String latestSupportedTlsVersion, String creatorId,
                           boolean reauthorizationRequired, boolean pausedUntilReauthorized) {

    Subscription withExpiration(Instant value) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                notificationUrl, lifecycleNotificationUrl, clientState, value, immutableIds, latestSupportedTlsVersion,
                creatorId, false, false);
    }

    Subscription withNotificationUrl(String value) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                value, lifecycleNotificationUrl, clientState, expiration, immutableIds, latestSupportedTlsVersion,
                creatorId, reauthorizationRequired, pausedUntilReauthorized);
    }

    Subscription withReauthorizationRequired(boolean required, boolean pause) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                notificationUrl, lifecycleNotificationUrl, clientState, expiration, immutableIds,
                latestSupportedTlsVersion, creatorId, required, required && pause);
    }
}
