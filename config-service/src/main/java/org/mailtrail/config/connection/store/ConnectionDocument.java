package org.mailtrail.config.connection.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.springframework.data.annotation.Id;

/**
 * A connection as stored. {@code publishPending} stays true until the event of this revision (or, once
 * {@code deleted}, the tombstone) is on Kafka, so a failed send is repeated rather than lost.
 */
record ConnectionDocument(@Id String id, long revision, boolean publishPending, boolean deleted, String displayName,
        String tenantId, String clientId, AuthMode authMode, String mailbox, String sourceFolder, String archiveFolder,
        UnmatchedPolicy unmatchedPolicy, List<String> internalDomains, String graphBaseUrl, String authorityHost,
        String notificationUrl, String pollInterval, String redirectUrl, MatchingOptions matching, boolean enabled,
        SecretDocument clientSecret, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    /** Either a ciphertext with the id of its key, or a reference; never the secret. */
    record SecretDocument(byte[] ciphertext, Integer keyId, String reference, Instant updatedAt) {

        static SecretDocument of(StoredSecret secret) {
            if (secret == null) {
                return null;
            }
            return secret.isReference()
                    ? new SecretDocument(null, null, secret.reference().text(), secret.updatedAt())
                    : new SecretDocument(secret.encrypted().ciphertext(), secret.encrypted().keyId(), null,
                            secret.updatedAt());
        }

        StoredSecret toSecret() {
            return reference != null
                    ? new StoredSecret(null, SecretReference.parse(reference), updatedAt)
                    : new StoredSecret(new EncryptedSecret(ciphertext, keyId), null, updatedAt);
        }
    }

    static ConnectionDocument of(Connection connection, boolean publishPending, boolean deleted) {
        ConnectionSettings s = connection.settings();
        return new ConnectionDocument(connection.id(), connection.revision(), publishPending, deleted,
                s.displayName(), s.tenantId(), s.clientId(), s.authMode(), s.mailbox(), s.sourceFolder(),
                s.archiveFolder(), s.unmatchedPolicy(), s.internalDomains(), text(s.graphBaseUrl()),
                text(s.authorityHost()), text(s.notificationUrl()),
                s.pollInterval() == null ? null : s.pollInterval().toString(), text(s.redirectUrl()), s.matching(),
                connection.enabled(), SecretDocument.of(connection.clientSecret()), connection.createdAt(),
                connection.createdBy(), connection.updatedAt(), connection.updatedBy());
    }

    Connection toConnection() {
        ConnectionSettings settings = new ConnectionSettings(displayName, tenantId, clientId, authMode, mailbox,
                sourceFolder, archiveFolder, unmatchedPolicy, internalDomains, uri(graphBaseUrl), uri(authorityHost),
                uri(notificationUrl), pollInterval == null ? null : Duration.parse(pollInterval), uri(redirectUrl),
                matching);
        return new Connection(id, revision, settings, clientSecret == null ? null : clientSecret.toSecret(), enabled,
                createdAt, createdBy, updatedAt, updatedBy);
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static URI uri(String text) {
        return text == null ? null : URI.create(text);
    }
}
