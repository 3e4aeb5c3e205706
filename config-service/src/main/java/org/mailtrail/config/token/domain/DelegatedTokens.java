package org.mailtrail.config.token.domain;

import java.time.Clock;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.graph.EntraTokenRequestException;
import org.mailtrail.config.graph.EntraTokenEndpoint;
import org.mailtrail.config.graph.GraphScopes;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.SecretValue;

/** DELEGATED mode: an access token from the connection's stored refresh token, keeping the rotated one. */
public class DelegatedTokens {

    private final DelegatedGrants grants;
    private final EntraTokenEndpoint entra;
    private final List<String> permissions;
    private final Clock clock;

    public DelegatedTokens(DelegatedGrants grants, EntraTokenEndpoint entra, List<String> permissions, Clock clock) {
        this.grants = grants;
        this.entra = entra;
        this.permissions = List.copyOf(permissions);
        this.clock = clock;
    }

    /** @param clientSecret null for a public client, which redeems with PKCE alone */
    public GraphToken acquire(Connection connection, SecretValue clientSecret) {
        DelegatedGrant grant = grants.find(connection.id()).orElseThrow(() -> new TokenAcquisitionException(
                TokenAcquisitionException.Reason.NO_CONSENT,
                "nobody has consented for connection " + connection.id() + " yet", null));
        SecretValue refreshToken;
        try {
            refreshToken = grants.refreshToken(grant);
        } catch (SecretDecryptionException e) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.SECRET_UNAVAILABLE,
                    "the refresh token: " + e.getMessage(), null);
        }
        try {
            EntraTokenEndpoint.TokenResponse response = entra.refresh(client(connection, clientSecret), refreshToken,
                    scopes(connection));
            if (response.refreshToken() != null && !response.refreshToken().equals(refreshToken.reveal())) {
                grants.rotated(grant, response.refreshToken());
            }
            return new GraphToken(response.accessToken(), clock.instant().plusSeconds(response.expiresIn()));
        } catch (EntraTokenRequestException e) {
            throw new TokenAcquisitionException(e.unreachable() ? TokenAcquisitionException.Reason.UNREACHABLE
                    : TokenAcquisitionException.Reason.REJECTED, e.getMessage(), e.code());
        }
    }

    /** @param clientSecret null for a public client */
    public EntraTokenEndpoint.Client client(Connection connection, SecretValue clientSecret) {
        ConnectionSettings settings = connection.settings();
        return new EntraTokenEndpoint.Client(settings.authorityHost(), settings.tenantId(), settings.clientId(),
                clientSecret);
    }

    public List<String> scopes(Connection connection) {
        return GraphScopes.delegated(connection.settings().graphBaseUrl(), permissions);
    }

    /** The version of the connection's grant, so the broker drops tokens of an earlier consent. */
    String grantVersion(Connection connection) {
        return grants.find(connection.id()).map(grant -> grant.consentedAt().toString()).orElse("none");
    }
}
