package org.mailtrail.config.issuer.domain;

import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What mailtrail's tokens say beyond what Spring Authorization Server writes ({@code iss}, {@code sub},
 * {@code exp}, {@code scope}, ...). A service's access token is for the audiences of the scopes it was granted and
 * carries the service role; a person's access token is for the people audience and carries their roles, e-mail
 * and name. ID tokens keep their client as audience, as OpenID Connect wants, and say who the person is.
 */
public final class IssuerTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ROLES = "roles";
    public static final String SERVICE_ROLE = "mailtrail-service";

    private final IssuerUsers users;
    private final ScopeAudiences audiences;
    private final String peopleAudience;

    public IssuerTokenClaims(IssuerUsers users, ScopeAudiences audiences, String peopleAudience) {
        this.users = users;
        this.audiences = audiences;
        this.peopleAudience = peopleAudience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        JwtClaimsSet.Builder claims = context.getClaims();
        boolean service = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            if (service) {
                claims.audience(audiences.audiencesOf(context.getAuthorizedScopes()))
                        .claim(ROLES, List.of(SERVICE_ROLE));
            } else {
                claims.audience(List.of(peopleAudience));
                person(context, claims);
                claims.claim(StandardClaimNames.PREFERRED_USERNAME, context.getPrincipal().getName());
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            person(context, claims);
        }
    }

    private void person(JwtEncodingContext context, JwtClaimsSet.Builder claims) {
        // Looked up by name rather than read from the stored sign-in, so that a token from a refresh carries what the
        // users file says now (after a restart with a changed file), not what it said at sign-in.
        IssuerUser user = users.find(context.getPrincipal().getName()).orElse(null);
        claims.claim(ROLES, user == null ? List.of() : IssuerUsers.roles(user));
        if (user != null && user.email() != null) {
            claims.claim(StandardClaimNames.EMAIL, user.email());
        }
        if (user != null && user.name() != null) {
            claims.claim(StandardClaimNames.NAME, user.name());
        }
    }
}
