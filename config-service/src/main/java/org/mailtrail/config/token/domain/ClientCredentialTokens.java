package org.mailtrail.config.token.domain;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.graph.EntraTokenRequestException;
import org.mailtrail.config.graph.GraphHttp;
import org.mailtrail.config.secret.domain.SecretValue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredentialBuilder;

/**
 * APPLICATION mode: the client-credentials grant through azure-identity, against the connection's own authority
 * (sovereign cloud or emulator) without instance discovery. A credential is made per acquisition: the broker
 * caches the tokens, and MSAL's own cache misses anyway when the authority has a port (MSAL4J issue 529).
 */
public class ClientCredentialTokens {

    private final GraphHttp http;

    public ClientCredentialTokens(GraphHttp http) {
        this.http = http;
    }

    /** @param scope the resource's {@code /.default} scope: Graph's, or Exchange Online's for IMAP */
    public GraphToken acquire(Connection connection, SecretValue clientSecret, String scope) {
        ConnectionSettings settings = connection.settings();
        try {
            AccessToken token = new ClientSecretCredentialBuilder()
                    .tenantId(settings.tenantId())
                    .clientId(settings.clientId())
                    .clientSecret(clientSecret.reveal())
                    .authorityHost(settings.authorityHost().toString())
                    .disableInstanceDiscovery()
                    .httpClient(http.azureHttpClient())
                    .build()
                    .getTokenSync(new TokenRequestContext().addScopes(scope));
            if (token == null) {
                throw new TokenAcquisitionException(TokenAcquisitionException.Reason.REJECTED,
                        "Entra gave no token for " + settings.clientId(), null);
            }
            return new GraphToken(token.getToken(), token.getExpiresAt().toInstant());
        } catch (TokenAcquisitionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** azure-identity wraps MSAL's answer; Entra's AADSTS text travels in the messages of the chain. */
    private static TokenAcquisitionException failure(RuntimeException e) {
        String code = null;
        String message = null;
        for (Throwable cause = e; cause != null && code == null; cause = cause.getCause()) {
            code = EntraTokenRequestException.aadsts(cause.getMessage());
            if (code != null) {
                message = cause.getMessage();
            }
        }
        if (code != null) {
            return new TokenAcquisitionException(TokenAcquisitionException.Reason.REJECTED, firstLine(message), code);
        }
        return new TokenAcquisitionException(TokenAcquisitionException.Reason.UNREACHABLE,
                "the authority did not give a token (" + rootCause(e) + ")", null);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 500 ? line.substring(0, 500) : line.strip();
    }
}
