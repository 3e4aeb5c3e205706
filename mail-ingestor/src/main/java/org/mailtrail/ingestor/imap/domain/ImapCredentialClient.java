package org.mailtrail.ingestor.imap.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.ingestor.ConfigServiceApi;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.platform.graph.AccessTokenDigest;
import org.mailtrail.platform.imap.ImapCredential;
import org.mailtrail.platform.security.ServiceTokens;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks config-service for an IMAP connection's credential ({@code POST /internal/connections/{id}/imap-credential},
 * with the same client-credentials token as the Graph token broker): a password, or an access token for XOAUTH2. It
 * is kept in memory only, never logged or stored; an access token until shortly before it expires, a password until
 * the server refuses it. After a refusal the next request names the refused secret's digest, so that config-service
 * does not hand back the same token from its own cache.
 */
@Component
public class ImapCredentialClient {

    /** What config-service answers. */
    record IssuedCredential(String connectionId, String username, ImapAuth mechanism, String secret,
            Instant expiresAt) {

        /** Never the secret. */
        @Override
        public String toString() {
            return "IssuedCredential[connectionId=" + connectionId + ", mechanism=" + mechanism + "]";
        }
    }

    private final RestClient client;
    private final Duration refreshMargin;
    private final Clock clock;
    private final Map<String, ImapCredential> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public ImapCredentialClient(IngestorProperties properties, ServiceTokens serviceTokens, Clock clock) {
        this.refreshMargin = properties.tokenRefreshMargin();
        this.clock = clock;
        this.client = ConfigServiceApi.client(properties, serviceTokens);
    }

    /** The connection's credential: the cached one while it is usable, else a fresh one. */
    public ImapCredential credential(String connectionId) {
        ImapCredential cached = cache.get(connectionId);
        if (usable(cached)) {
            return cached;
        }
        // One request per connection at a time, and a slow one holds up no other connection.
        synchronized (locks.computeIfAbsent(connectionId, id -> new Object())) {
            cached = cache.get(connectionId);
            if (usable(cached)) {
                return cached;
            }
            ImapCredential fresh = fetch(connectionId);
            cache.put(connectionId, fresh);
            return fresh;
        }
    }

    /** The server refused the credential: it is forgotten, and the next request names it as refused. */
    public void refused(String connectionId, ImapCredential credential) {
        if (cache.remove(connectionId, credential) && credential.mechanism() == ImapAuth.XOAUTH2) {
            refused.put(connectionId, AccessTokenDigest.of(credential.secret()));
        }
    }

    /** Forgets a connection's credential (the connection changed or went). */
    public void forget(String connectionId) {
        cache.remove(connectionId);
        locks.remove(connectionId);
        refused.remove(connectionId);
    }

    private boolean usable(ImapCredential credential) {
        return credential != null && (credential.expiresAt() == null
                || credential.expiresAt().minus(refreshMargin).isAfter(clock.instant()));
    }

    private ImapCredential fetch(String connectionId) {
        String refusedDigest = refused.get(connectionId);
        try {
            IssuedCredential issued = (refusedDigest == null
                    ? client.post().uri("/internal/connections/{id}/imap-credential", connectionId)
                    : client.post().uri("/internal/connections/{id}/imap-credential?refused={digest}", connectionId,
                            refusedDigest))
                    .retrieve().body(IssuedCredential.class);
            if (issued == null || issued.username() == null || issued.mechanism() == null || issued.secret() == null) {
                throw new CredentialUnavailableException(connectionId, "config-service answered without a credential");
            }
            if (refusedDigest != null) {
                refused.remove(connectionId, refusedDigest);
            }
            return new ImapCredential(issued.username(), issued.mechanism(), issued.secret(), issued.expiresAt());
        } catch (RestClientResponseException e) {
            throw new CredentialUnavailableException(connectionId,
                    "config-service answered " + e.getStatusCode().value() + " " + e.getResponseBodyAsString());
        } catch (RestClientException e) {
            throw new CredentialUnavailableException(connectionId, "config-service is unreachable: " + e.getMessage());
        } catch (OAuth2AuthorizationException e) {
            throw new CredentialUnavailableException(connectionId,
                    "no token to call config-service with: the issuer answered " + e.getError());
        }
    }

    /** No credential could be had for the connection. */
    public static class CredentialUnavailableException extends RuntimeException {

        public CredentialUnavailableException(String connectionId, String reason) {
            super("no IMAP credential for connection " + connectionId + ": " + reason);
        }
    }
}
