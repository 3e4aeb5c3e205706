package org.mailtrail.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens a service accepts.
 *
 * @param issuerUri the one OpenID Connect issuer trusted for people and services; a token's {@code iss} must equal
 *        it. Its JWK set is found through its discovery document unless {@code jwkSetUri} is set.
 * @param jwkSetUri the issuer's JWK set, when it should not be discovered (e.g. the service is the issuer)
 * @param audiences a token's {@code aud} must hold one of these: the service's own audience (service tokens) and
 *        the audience people's tokens are issued for
 * @param rolesClaim the claim holding the caller's roles (Entra writes app roles to {@code roles})
 * @param clockSkew how far a token's {@code exp} and {@code nbf} may be off
 */
@ConfigurationProperties("mailtrail.security")
public record SecurityProperties(String issuerUri, String jwkSetUri, List<String> audiences,
        @DefaultValue("roles") String rolesClaim, @DefaultValue("60s") Duration clockSkew) {

    public SecurityProperties {
        audiences = audiences == null ? List.of()
                : audiences.stream().filter(audience -> audience != null && !audience.isBlank()).toList();
    }

    /** Refuses to start a service that would accept tokens from anyone or for anyone. */
    void requireComplete() {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalStateException("mailtrail.security.issuer-uri (MAILTRAIL_JWT_ISSUER_URI) is required: "
                    + "the OpenID Connect issuer whose tokens this service accepts");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("mailtrail.security.audiences (MAILTRAIL_JWT_AUDIENCES) is required: "
                    + "the audiences a token must be issued for to be accepted here");
        }
    }
}
