package org.mailtrail.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this service obtains tokens to call another mailtrail service: OAuth 2.0 client credentials at the issuer's
 * token endpoint.
 *
 * @param tokenUri the issuer's token endpoint
 * @param clientId this service's client id at the issuer
 * @param clientSecret its secret
 */
@ConfigurationProperties("mailtrail.service-client")
public record ServiceClientProperties(String tokenUri, String clientId, String clientSecret) {

    boolean complete() {
        return present(tokenUri) && present(clientId) && present(clientSecret);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
