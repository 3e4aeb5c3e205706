package org.mailtrail.emulator.subscription;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change-notification subscription on a mailbox's messages, all of it or one folder's.
 *
 * @param folderId      the watched folder, or {@code null} for the whole mailbox
 * @param immutableIds  whether it was created with {@code Prefer: IdType="ImmutableId"}; its notifications then
 *                      carry immutable ids
 * @param resourceData  what its notifications include and how they are encrypted, or {@code null} for a
 *                      subscription without resource data
 */
public record Subscription(String id, String tenantId, String appId, String resource, String mailboxId,
                           String mailboxAddress, String folderId, List<String> changeTypes, String notificationUrl,
                           String lifecycleNotificationUrl, String clientState, Instant expiration,
                           boolean immutableIds, String latestSupportedTlsVersion, String creatorId,
                           boolean reauthorizationRequired, boolean pausedUntilReauthorized,
                           ResourceData resourceData) {

    /** Whether its notifications carry resource data ({@code includeResourceData}). */
    @JsonProperty
    public boolean includeResourceData() {
        return resourceData != null;
    }

    /** The subscriber's name for the certificate its notifications are encrypted with, if they include resource data. */
    @JsonProperty
    public String encryptionCertificateId() {
        return resourceData == null ? null : resourceData.certificate().id();
    }

    Subscription withExpiration(Instant value) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                notificationUrl, lifecycleNotificationUrl, clientState, value, immutableIds, latestSupportedTlsVersion,
                creatorId, false, false, resourceData);
    }

    Subscription withNotificationUrl(String value) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                value, lifecycleNotificationUrl, clientState, expiration, immutableIds, latestSupportedTlsVersion,
                creatorId, reauthorizationRequired, pausedUntilReauthorized, resourceData);
    }

    Subscription withReauthorizationRequired(boolean required, boolean pause) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                notificationUrl, lifecycleNotificationUrl, clientState, expiration, immutableIds,
                latestSupportedTlsVersion, creatorId, required, required && pause, resourceData);
    }

    Subscription withResourceData(ResourceData value) {
        return new Subscription(id, tenantId, appId, resource, mailboxId, mailboxAddress, folderId, changeTypes,
                notificationUrl, lifecycleNotificationUrl, clientState, expiration, immutableIds,
                latestSupportedTlsVersion, creatorId, reauthorizationRequired, pausedUntilReauthorized, value);
    }
}
