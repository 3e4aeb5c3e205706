package org.mailtrail.config.connection.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.config.ConnectionConfigured;

/**
 * A mailbox connection at one revision. The revision starts at 1 and grows by one with every change; it is the
 * ETag of the API and the {@code revision} of {@code ConnectionConfigured}.
 *
 * @param clientSecret the app's client secret, encrypted or referenced; absent until one is given
 * @param password an IMAP connection's account password, encrypted or referenced; absent until one is given, and
 *        always for a connection that does not sign in with a password
 */
public record Connection(String id, long revision, ConnectionSettings settings, StoredSecret clientSecret,
        boolean enabled, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
        StoredSecret password) {

    public static final int SCHEMA_VERSION = 1;

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
    }

    /** A connection without a password, as every Graph connection is. */
    public Connection(String id, long revision, ConnectionSettings settings, StoredSecret clientSecret,
            boolean enabled, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
        this(id, revision, settings, clientSecret, enabled, createdAt, createdBy, updatedAt, updatedBy, null);
    }

    /** Revision 1 of a new connection. */
    public static Connection created(String id, ConnectionSettings settings, StoredSecret clientSecret,
            boolean enabled, String actor, Instant at) {
        return new Connection(id, 1, settings, clientSecret, enabled, at, actor, at, actor);
    }

    /**
     * What binds a client secret's ciphertext (as AEAD associated data): the connection, and the tenant, app and
     * authority the secret was given for. Copied onto another connection, or left behind when any of those three
     * changes (in the database, past the API that asks for the secret again), it no longer decrypts.
     */
    public static String clientSecretContext(String connectionId, ConnectionSettings settings) {
        return "connection/" + connectionId + "/client-secret?tenant=" + settings.tenantId() + "&client="
                + settings.clientId() + "&authority=" + settings.authorityHost();
    }

    /** What bound a client secret's ciphertext before it was bound to the tenant, app and authority too. */
    public static String unboundClientSecretContext(String connectionId) {
        return "connection/" + connectionId + "/client-secret";
    }

    public String clientSecretContext() {
        return clientSecretContext(id, settings);
    }

    /**
     * What binds an IMAP password's ciphertext: the connection, and the server and account it was given for. Copied
     * onto another connection, or left behind when the host or user name changes in the database, it no longer
     * decrypts; through the API such a change drops the password unless a new one comes with it.
     */
    public static String passwordContext(String connectionId, ConnectionSettings settings) {
        return "connection/" + connectionId + "/imap-password?host=" + settings.imap().host() + "&user="
                + settings.imap().username();
    }

    public String passwordContext() {
        return passwordContext(id, settings);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** This revision with another password (or none). */
    public Connection withPassword(StoredSecret newPassword) {
        return new Connection(id, revision, settings, clientSecret, enabled, createdAt, createdBy, updatedAt,
                updatedBy, newPassword);
    }

    public boolean hasClientSecret() {
        return clientSecret != null;
    }

    /** The next revision, with what changed and who changed it; the password stays as it is. */
    public Connection next(ConnectionSettings newSettings, StoredSecret newSecret, boolean newEnabled, String actor,
            Instant now) {
        return new Connection(id, revision + 1, newSettings, newSecret, newEnabled, createdAt, createdBy, now, actor,
                password);
    }

    /** The event subscribers see for this revision; it carries no secret. */
    public ConnectionConfigured toEvent() {
        return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, Long.toString(revision)), updatedAt,
                SCHEMA_VERSION, id, revision, settings.displayName(), settings.tenantId(), settings.clientId(),
                settings.authMode(), settings.mailbox(), settings.sourceFolder(), settings.archiveFolder(),
                settings.unmatchedPolicy(), settings.deleteMode(), settings.internalDomains(), settings.graphBaseUrl(),
                settings.authorityHost(), settings.notificationUrl(), settings.pollInterval(), enabled,
                settings.matching(), settings.hold(), settings.copies(), settings.kind(), settings.imap());
    }

    /** Identifies the tombstone of this revision, the deletion, so that a repeat of it is recognised. */
    public UUID tombstoneId() {
        return EventIds.of("tombstone", Topics.CONNECTIONS, id, Long.toString(revision));
    }
}
