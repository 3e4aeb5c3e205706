package org.mailtrail.config.token.domain;

import java.time.Instant;

import org.mailtrail.config.secret.domain.EncryptedSecret;

/**
 * A user's consent for a DELEGATED connection: the refresh token (encrypted), whose account it is, and when it
 * was given and last used.
 *
 * @param account the user's sign-in name as Entra reported it
 */
public record DelegatedGrant(String connectionId, EncryptedSecret refreshToken, String account, Instant consentedAt,
        String consentedBy, Instant refreshedAt) {

    /** What binds a connection's refresh token ciphertext to it. */
    public static String context(String connectionId) {
        return "connection/" + connectionId + "/refresh-token";
    }
}
