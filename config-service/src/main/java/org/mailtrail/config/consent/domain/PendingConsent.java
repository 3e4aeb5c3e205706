package org.mailtrail.config.consent.domain;

import java.net.URI;
import java.time.Instant;

/**
 * A consent started and not yet come back. {@code state} is the one-time value Entra hands back to the callback;
 * {@code codeVerifier} is the PKCE secret that only this service knows.
 */
public record PendingConsent(String state, String connectionId, String codeVerifier, URI redirectUrl,
        boolean changeAccount, String startedBy, Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingConsent[connectionId=" + connectionId + ", expiresAt=" + expiresAt + "]";
    }
}
