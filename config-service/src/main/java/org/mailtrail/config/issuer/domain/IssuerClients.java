package org.mailtrail.config.issuer.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, read from their file at start and held in memory: every replica reads the same file,
 * so every replica has the same registry. A file the issuer could not honour exactly is refused as a whole.
 */
public final class IssuerClients {

    public static final Duration LONGEST_ACCESS_TOKEN = Duration.ofHours(1);
    static final Duration DEFAULT_ACCESS_TOKEN = Duration.ofMinutes(5);

    private static final Map<String, AuthorizationGrantType> GRANT_TYPES = Map.of(
            "client_credentials", AuthorizationGrantType.CLIENT_CREDENTIALS,
            "authorization_code", AuthorizationGrantType.AUTHORIZATION_CODE,
            "refresh_token", AuthorizationGrantType.REFRESH_TOKEN);

    private final List<RegisteredClient> clients;

    private IssuerClients(List<RegisteredClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public static IssuerClients read(Path file, ScopeAudiences audiences) {
        List<IssuerClient> entries = IssuerFiles.read("clients", file, IssuerClient[].class);
        List<String> problems = problems(entries, audiences);
        if (!problems.isEmpty()) {
            throw IssuerSetupException.invalidFile("clients", file, String.join("; ", problems));
        }
        return new IssuerClients(entries.stream().map(IssuerClients::registered).toList());
    }

    /** Every reason to refuse the entries, each naming its client. */
    static List<String> problems(List<IssuerClient> entries, ScopeAudiences audiences) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (entries.isEmpty()) {
            problems.add("it registers no client");
        }
        for (int i = 0; i < entries.size(); i++) {
            IssuerClient client = entries.get(i);
            if (client == null || client.clientId() == null || client.clientId().isBlank()) {
                problems.add("client #" + (i + 1) + " has no clientId");
                continue;
            }
            String name = "client '" + client.clientId() + "'";
            if (!ids.add(client.clientId())) {
                problems.add(name + " is registered twice");
            }
            List<String> grants = orEmpty(client.grantTypes());
            if (grants.isEmpty()) {
                problems.add(name + " has no grantTypes");
            }
            grants.stream().filter(grant -> !GRANT_TYPES.containsKey(grant)).forEach(grant -> problems.add(name
                    + " has grant type '" + grant + "'; known are client_credentials, authorization_code, refresh_token"));
            if (!client.isPublic() && !IssuerFiles.isEncoderHash(client.secretHash())) {
                problems.add(name + " has a secretHash that is not a password encoder value like {bcrypt}$2a$...");
            }
            if (grants.contains("client_credentials")) {
                if (client.isPublic()) {
                    problems.add(name + " uses client_credentials but has no secretHash");
                }
                if (orEmpty(client.scopes()).isEmpty()) {
                    problems.add(name + " uses client_credentials but has no scopes, so its tokens would have no audience");
                }
                orEmpty(client.scopes()).stream().filter(scope -> audiences.audienceOf(scope).isEmpty())
                        .forEach(scope -> problems.add(name + " has scope '" + scope
                                + "' with no audience in mailtrail.issuer.scope-audiences"));
            }
            if (grants.contains("authorization_code") && orEmpty(client.redirectUris()).isEmpty()) {
                problems.add(name + " uses authorization_code but has no redirectUris");
            }
            if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
                problems.add(name + " has refresh_token without authorization_code");
            }
            if (client.isPublic() && Boolean.FALSE.equals(client.requireProofKey())) {
                problems.add(name + " is a public client (no secretHash) and must use PKCE (requireProofKey)");
            }
            Duration ttl = client.accessTokenTtl();
            if (ttl != null && (ttl.isNegative() || ttl.isZero() || ttl.compareTo(LONGEST_ACCESS_TOKEN) > 0)) {
                problems.add(name + " has accessTokenTtl " + ttl + "; it must be more than zero and at most PT1H");
            }
        }
        return problems;
    }

    private static RegisteredClient registered(IssuerClient client) {
        RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId()).clientId(client.clientId())
                .authorizationGrantTypes(types -> client.grantTypes().forEach(grant -> types.add(GRANT_TYPES.get(grant))))
                .scopes(scopes -> scopes.addAll(orEmpty(client.scopes())))
                .redirectUris(uris -> uris.addAll(orEmpty(client.redirectUris())))
                .postLogoutRedirectUris(uris -> uris.addAll(orEmpty(client.postLogoutRedirectUris())))
                // Consent is never asked: every client is mailtrail's own, registered by its operators.
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                        .requireProofKey(client.requireProofKey() == null || client.requireProofKey()).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenTtl(client))
                        .reuseRefreshTokens(false).build());
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(client.secretHash())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return builder.build();
    }

    private static Duration accessTokenTtl(IssuerClient client) {
        return client.accessTokenTtl() == null ? DEFAULT_ACCESS_TOKEN : client.accessTokenTtl();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    public RegisteredClientRepository repository() {
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** The longest lifetime of any access token the clients are given. */
    public Duration longestAccessTokenTtl() {
        return clients.stream().map(client -> client.getTokenSettings().getAccessTokenTimeToLive())
                .max(Duration::compareTo).orElse(DEFAULT_ACCESS_TOKEN);
    }
}
