package org.mailtrail.config.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers are authenticated.
 *
 * @param issuerUri the OpenID issuer whose tokens are accepted (its JWK set is discovered)
 * @param jwkSetUri instead of an issuer: the JWK set to verify tokens with, when the issuer has no discovery
 *        document
 * @param audience the {@code aud} a token must carry, when set
 * @param rolesClaim the claim holding the caller's roles (Entra app roles arrive in {@code roles})
 * @param adminRole the role the admin API ({@code /api/**}) requires
 * @param internalRole the role the internal API ({@code /internal/**}) requires
 * @param localTokenLifetime lifetime of the tokens the service signs itself when no issuer is configured
 * @param localTokensDir where to also write those tokens ({@code admin.jwt}, {@code internal.jwt}) for a local
 *        launcher to hand to the other services; not written when unset
 */
@ConfigurationProperties("mailtrail.security")
public record SecurityProperties(String issuerUri, String jwkSetUri, String audience,
        @DefaultValue("roles") String rolesClaim, @DefaultValue("admin") String adminRole,
        @DefaultValue("internal") String internalRole, @DefaultValue("12h") Duration localTokenLifetime,
        Path localTokensDir) {

    public boolean hasExternalIssuer() {
        return present(issuerUri) || present(jwkSetUri);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
