package org.mailtrail.config.connection.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A connection as the API shows it: every setting, and of the client secret and an IMAP connection's password only
 * where each is and which key holds it.
 */
@Schema(name = "Connection")
public record ConnectionView(String id, long revision, ConnectionKind kind, String displayName, String tenantId,
        String clientId, AuthMode authMode, String mailbox, ImapServer imap, String sourceFolder, String archiveFolder, UnmatchedPolicy unmatchedPolicy,
        DeleteMode deleteMode, HoldSettings hold, CopyPolicy copies, List<String> internalDomains, URI graphBaseUrl,
        URI authorityHost, URI notificationUrl, Duration pollInterval, URI redirectUrl, MatchingOptions matching,
        boolean enabled, SecretInfo secret,
        @Schema(description = "Where an IMAP connection's password is; never its value") SecretInfo passwordSecret,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    /**
     * @param source {@code STORED} (encrypted here) or {@code REFERENCE}
     * @param keyId the master key that encrypted a stored secret
     * @param reference where a referenced secret lives
     */
    @Schema(name = "SecretInfo", description = "Where a secret is; never its value")
    public record SecretInfo(String source, Integer keyId, String reference, Instant updatedAt) {

        static SecretInfo of(StoredSecret secret) {
            if (secret == null) {
                return null;
            }
            return secret.isReference()
                    ? new SecretInfo("REFERENCE", null, secret.reference().text(), secret.updatedAt())
                    : new SecretInfo("STORED", secret.keyId(), null, secret.updatedAt());
        }
    }

    static ConnectionView of(Connection connection) {
        ConnectionSettings s = connection.settings();
        return new ConnectionView(connection.id(), connection.revision(), s.kind(), s.displayName(), s.tenantId(),
                s.clientId(), s.authMode(), s.mailbox(), ImapServer.of(s.imap()), s.sourceFolder(), s.archiveFolder(), s.unmatchedPolicy(), s.deleteMode(),
                HoldSettings.of(s.hold()), s.copies(), s.internalDomains(), s.graphBaseUrl(), s.authorityHost(),
                s.notificationUrl(), s.pollInterval(), s.redirectUrl(), s.matching(), connection.enabled(),
                SecretInfo.of(connection.clientSecret()), SecretInfo.of(connection.password()), connection.createdAt(), connection.createdBy(),
                connection.updatedAt(), connection.updatedBy());
    }
}
