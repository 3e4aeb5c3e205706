package org.mailtrail.platform.imap;

import java.time.Instant;
import java.util.Objects;

import org.mailtrail.events.config.ImapAuth;

/**
 * What signs in to an IMAP server: the account and its password, or an OAuth 2.0 access token for XOAUTH2.
 *
 * @param expiresAt when an access token stops working; absent for a password
 */
public record ImapCredential(String username, ImapAuth mechanism, String secret, Instant expiresAt) {

    public ImapCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "ImapCredential[username=" + username + ", mechanism=" + mechanism + ", expiresAt=" + expiresAt + "]";
    }
}
