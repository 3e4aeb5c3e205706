package org.mailtrail.config.token.domain;

import java.time.Instant;

/** A Graph access token and when it expires. It does not print itself: a token is as good as a password. */
public record GraphToken(String accessToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "GraphToken[expiresAt=" + expiresAt + "]";
    }
}
