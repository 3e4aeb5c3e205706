package org.mailtrail.ingestor.graph;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.ingestor.ConfigServiceApi;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.platform.graph.AccessTokenDigest;
import org.mailtrail.platform.security.ServiceTokens;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client of config-service's token broker: Graph access tokens are asked of it
 * ({@code POST /internal/connections/{id}/token}, with a bearer token of the internal role), since it alone holds
 * the connections' secrets. A token is kept until shortly before it expires, so a busy mailbox costs
 * config-service one request an hour.
 */
@Component
public class TokenBrokerClient {

    /** What the token broker answers (it also names the connection and the token type, which are not needed). */
    record IssuedToken(String accessToken, Instant expiresAt) {
    }

    private final RestClient client;
    private final Duration refreshMargin;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, IssuedToken> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Per connection, the digest of the token Graph last refused, until a fetch has asked to replace it. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public TokenBrokerClient(IngestorProperties properties, ServiceTokens serviceTokens, Clock clock, JsonMapper json) {
        this.refreshMargin = properties.tokenRefreshMargin();
        this.clock = clock;
        this.json = json;
        this.client = ConfigServiceApi.client(properties, serviceTokens);
    }

    /** A token for the connection's Graph calls; fetched only when none is cached or it is about to expire. */
    public String token(String connectionId) {
        IssuedToken cached = cache.get(connectionId);
        if (usable(cached)) {
            return cached.accessToken();
        }
        synchronized (locks.computeIfAbsent(connectionId, id -> new Object())) {
            cached = cache.get(connectionId);
            if (usable(cached)) {
                return cached.accessToken();
            }
            IssuedToken fresh = fetch(connectionId);
            cache.put(connectionId, fresh);
            return fresh.accessToken();
        }
    }

    /**
     * Forgets the cached token after Graph refused it, and has the next fetch ask config-service to replace it:
     * config-service would otherwise hand back the same token from its own cache.
     */
    public void invalidate(String connectionId) {
        IssuedToken refusedToken = cache.remove(connectionId);
        if (refusedToken != null) {
            refused.put(connectionId, AccessTokenDigest.of(refusedToken.accessToken()));
        }
    }

    /**
     * The directory (tenant) id of the connection's tokens, from their {@code tid} claim: the GUID Graph puts in
     * every change notification, whatever name of the tenant the connection was set up with. Empty when the token
     * is not a readable JWT.
     */
    public Optional<String> tenantOf(String connectionId) {
        String[] parts = token(connectionId).split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String tid = claims.path("tid").asString(null);
            return tid == null || tid.isBlank() ? Optional.empty() : Optional.of(tid);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The token source the Graph SDK calls before each request; only the connection's Graph host gets a token. */
    public AccessTokenProvider accessTokenProvider(String connectionId, URI graphBaseUrl) {
        AllowedHostsValidator allowedHosts = new AllowedHostsValidator(graphBaseUrl.getHost());
        return new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
                return allowedHosts.isUrlHostValid(uri) ? token(connectionId) : "";
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return allowedHosts;
            }
        };
    }

    private boolean usable(IssuedToken token) {
        return token != null && token.expiresAt().minus(refreshMargin).isAfter(clock.instant());
    }

    private IssuedToken fetch(String connectionId) {
        try {
            String refusedDigest = refused.get(connectionId);
            IssuedToken token = (refusedDigest == null
                    ? client.post().uri("/internal/connections/{id}/token", connectionId)
                    : client.post().uri("/internal/connections/{id}/token?refused={digest}", connectionId, refusedDigest))
                    .retrieve().body(IssuedToken.class);
            if (token == null || token.accessToken() == null || token.expiresAt() == null) {
                throw new TokenUnavailableException(connectionId, "the token broker answered without a token");
            }
            if (refusedDigest != null) {
                refused.remove(connectionId, refusedDigest);
            }
            return token;
        } catch (RestClientResponseException e) {
            throw new TokenUnavailableException(connectionId,
                    "the token broker answered " + e.getStatusCode().value() + " " + e.getResponseBodyAsString());
        } catch (RestClientException e) {
            throw new TokenUnavailableException(connectionId, "the token broker is unreachable: " + e.getMessage());
        } catch (OAuth2AuthorizationException e) {
            throw new TokenUnavailableException(connectionId, "no token to call the token broker with: the issuer "
                    + "answered " + e.getError());
        }
    }
}
