package org.mailtrail.config.connection.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;

/**
 * A connection as stored, with the records it still owes Kafka in {@code outbox}: the
 * {@code ConnectionConfigured} of each revision not yet confirmed by the broker and, once {@code deleted}, the
 * tombstone whose confirmation removes the document. A document written before a setting existed lacks it and
 * reads as the connection behaved then: {@code deleteMode} as moving to Deleted Items, {@code hold} as not holding,
 * {@code copies} as {@link CopyPolicy#LIKE_FIRST}, {@code kind} as {@link ConnectionKind#GRAPH}. An IMAP connection's
 * password is a {@link SecretDocument} of its own, bound to the connection, host and user name
 * ({@link Connection#passwordContext()}).
 */
record ConnectionDocument(@Id String id, long revision, boolean deleted, String displayName, String tenantId,
        String clientId, AuthMode authMode, String mailbox, String sourceFolder, String archiveFolder,
        UnmatchedPolicy unmatchedPolicy, DeleteMode deleteMode, HoldDocument hold, CopyPolicy copies,
        List<String> internalDomains, String graphBaseUrl, String authorityHost, String notificationUrl,
        String pollInterval, String redirectUrl, MatchingOptions matching, boolean enabled, SecretDocument clientSecret,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, List<OutboxEntry> outbox,
        ConnectionKind kind, ImapSettings imap, SecretDocument password) {

    ConnectionDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** The hold policy, its retention written as ISO-8601 text like {@code pollInterval}. */
    record HoldDocument(boolean enabled, String folder, String retention) {

        static HoldDocument of(HoldPolicy hold) {
            return new HoldDocument(hold.enabled(), hold.folder(), hold.retention().toString());
        }

        HoldPolicy toPolicy() {
            return new HoldPolicy(enabled, folder, retention == null ? null : Duration.parse(retention));
        }
    }

    /**
     * Either a ciphertext with the id of its key, or a reference; never the secret. {@code bound} says the
     * ciphertext is bound to the connection's tenant, app and authority ({@link Connection#clientSecretContext()});
     * one written before that, bound to the connection alone, is bound anew at start.
     */
    record SecretDocument(byte[] ciphertext, Integer keyId, String reference, Instant updatedAt, Boolean bound) {

        static SecretDocument of(StoredSecret secret) {
            if (secret == null) {
                return null;
            }
            return secret.isReference()
                    ? new SecretDocument(null, null, secret.reference().text(), secret.updatedAt(), null)
                    : new SecretDocument(secret.encrypted().ciphertext(), secret.encrypted().keyId(), null,
                            secret.updatedAt(), true);
        }

        boolean unbound() {
            return ciphertext != null && !Boolean.TRUE.equals(bound);
        }

        /** This secret, still unbound when it is the same ciphertext as {@code before}, which was. */
        SecretDocument unboundLike(SecretDocument before) {
            if (before == null || !before.unbound() || ciphertext == null
                    || !Arrays.equals(ciphertext, before.ciphertext())) {
                return this;
            }
            return new SecretDocument(ciphertext, keyId, null, updatedAt, null);
        }

        StoredSecret toSecret() {
            return reference != null
                    ? new StoredSecret(null, SecretReference.parse(reference), updatedAt)
                    : new StoredSecret(new EncryptedSecret(ciphertext, keyId), null, updatedAt);
        }
    }

    static ConnectionDocument of(Connection connection, boolean deleted, List<OutboxEntry> outbox) {
        ConnectionSettings s = connection.settings();
        return new ConnectionDocument(connection.id(), connection.revision(), deleted,
                s.displayName(), s.tenantId(), s.clientId(), s.authMode(), s.mailbox(), s.sourceFolder(),
                s.archiveFolder(), s.unmatchedPolicy(), s.deleteMode(), HoldDocument.of(s.hold()), s.copies(),
                s.internalDomains(), text(s.graphBaseUrl()), text(s.authorityHost()), text(s.notificationUrl()),
                s.pollInterval() == null ? null : s.pollInterval().toString(), text(s.redirectUrl()), s.matching(),
                connection.enabled(), SecretDocument.of(connection.clientSecret()), connection.createdAt(),
                connection.createdBy(), connection.updatedAt(), connection.updatedBy(), outbox,
                s.kind(), s.imap(), SecretDocument.of(connection.password()));
    }

    /** This document with the secret still marked unbound when {@code before} had the same one, unbound. */
    ConnectionDocument keepingUnboundSecretOf(ConnectionDocument before) {
        if (clientSecret == null || before.clientSecret() == null) {
            return this;
        }
        SecretDocument secret = clientSecret.unboundLike(before.clientSecret());
        return secret == clientSecret ? this : new ConnectionDocument(id, revision, deleted, displayName, tenantId,
                clientId, authMode, mailbox, sourceFolder, archiveFolder, unmatchedPolicy, deleteMode, hold, copies,
                internalDomains, graphBaseUrl, authorityHost, notificationUrl, pollInterval, redirectUrl, matching, enabled,
                secret, createdAt, createdBy, updatedAt, updatedBy, outbox, kind, imap, password);
    }

    Connection toConnection() {
        ConnectionSettings settings = ConnectionSettings.builder()
                .kind(kind)
                .imap(imap)
                .displayName(displayName)
                .tenantId(tenantId)
                .clientId(clientId)
                .authMode(authMode)
                .mailbox(mailbox)
                .sourceFolder(sourceFolder)
                .archiveFolder(archiveFolder)
                .unmatchedPolicy(unmatchedPolicy)
                .deleteMode(deleteMode == null ? DeleteMode.MOVE_TO_DELETED_ITEMS : deleteMode)
                .hold(hold == null ? HoldPolicy.OFF : hold.toPolicy())
                .copies(copies == null ? CopyPolicy.LIKE_FIRST : copies)
                .internalDomains(internalDomains)
                .graphBaseUrl(uri(graphBaseUrl))
                .authorityHost(uri(authorityHost))
                .notificationUrl(uri(notificationUrl))
                .pollInterval(pollInterval == null ? null : Duration.parse(pollInterval))
                .redirectUrl(uri(redirectUrl))
                .matching(matching)
                .build();
        return new Connection(id, revision, settings, clientSecret == null ? null : clientSecret.toSecret(), enabled,
                createdAt, createdBy, updatedAt, updatedBy, password == null ? null : password.toSecret());
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static URI uri(String text) {
        return text == null ? null : URI.create(text);
    }
}
