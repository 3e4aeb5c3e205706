package org.mailtrail.platform.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How a service names a Graph access token without sending it, e.g. to ask config-service to replace the one
 * Graph refused: SHA-256 of the token, base64url without padding. Both ends use this one definition.
 */
public final class AccessTokenDigest {

    public static String of(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AccessTokenDigest() {
    }
}
