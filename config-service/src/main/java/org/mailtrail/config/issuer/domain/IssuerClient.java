package org.mailtrail.config.issuer.domain;

import java.time.Duration;
import java.util.List;

/**
 * One entry of the clients file.
 *
 * @param secretHash the client secret as a DelegatingPasswordEncoder value ({@code {bcrypt}$2a$...}); absent for
 *        a public client (a command line, a browser app), which must then use PKCE
 * @param grantTypes {@code client_credentials} for a service; {@code authorization_code} (and
 *        {@code refresh_token}) for an application people sign in to
 * @param accessTokenTtl at most one hour; five minutes when absent
 * @param requireProofKey PKCE for the authorization code flow; true when absent, and a public client cannot turn
 *        it off
 * @param postLogoutRedirectUris where the issuer may send a person back to after signing them out at the client's
 *        request (OpenID Connect RP-initiated logout)
 */
public record IssuerClient(String clientId, String secretHash, List<String> grantTypes, List<String> scopes,
        List<String> redirectUris, Duration accessTokenTtl, Boolean requireProofKey,
        List<String> postLogoutRedirectUris) {

    public boolean isPublic() {
        return secretHash == null || secretHash.isBlank();
    }
}
