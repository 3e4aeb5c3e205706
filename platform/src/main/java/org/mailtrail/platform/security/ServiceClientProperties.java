package org.mailtrail.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this service obtains tokens to call another mailtrail service: OAuth 2.0 client credentials at the issuer's
 * token endpoint.
 *
 * @param tokenUri the issuer's token endpoint
 * @param clientId this service's client id at the issuer
 * @param clientSecret its secret
 * @param scopes what to ask the issuer for, per permission, where that is not the permission's name:
 *        {@code permission=scope} pairs, comma-separated (Entra: {@code connections.token=api://…/.default})
 */
@ConfigurationProperties("mailtrail.service-client")
public record ServiceClientProperties(String tokenUri, String clientId, String clientSecret, String scopes) {

    /** The scope to request for a permission. */
    String scopeFor(String permission) {
        if (scopes != null) {
            for (String pair : scopes.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(permission)) {
                    return pair.substring(equals + 1).trim();
                }
            }
        }
        return permission;
    }

    boolean complete() {
        return present(tokenUri) && present(clientId) && present(clientSecret);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
