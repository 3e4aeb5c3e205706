package org.mailtrail.config.token.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.graph.GraphHosts;
import org.mailtrail.config.graph.GraphScopes;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.SecretUnavailableException;
import org.mailtrail.config.secret.domain.SecretValue;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.platform.graph.AccessTokenDigest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hands out Graph access tokens per connection and keeps each until shortly before it expires, so that any
 * number of callers within a token's life cause one request at Entra. Callers of one connection wait for one
 * acquisition rather than each starting their own. A token is kept together with a fingerprint of what it was
 * acquired with (tenant, app, authority, Graph, secret, consent), so any change to those makes the next call
 * acquire afresh. A connection whose authority or Graph is not one {@link GraphHosts} allows gets no token: its
 * secret is not even read.
 *
 * <p>A Graph connection's tokens are for its Graph; an IMAP connection's (XOAUTH2) for Exchange Online's IMAP
 * ({@link GraphScopes#EXCHANGE_ONLINE_IMAP}). Tokens are kept per connection and scope.
 */
public class TokenBroker {

    private static final class Slot {
        private String fingerprint;
        private GraphToken token;
        private Instant acquiredAt;
    }

    private final Secrets secrets;
    private final GraphHosts hosts;
    private final ClientCredentialTokens application;
    private final DelegatedTokens delegated;
    private final Duration refreshMargin;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public TokenBroker(Secrets secrets, GraphHosts hosts, ClientCredentialTokens application,
            DelegatedTokens delegated, Duration refreshMargin, Clock clock, MeterRegistry meters) {
        this.secrets = secrets;
        this.hosts = hosts;
        this.application = application;
        this.delegated = delegated;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.meters = meters;
    }

    /** A token for the connection as given, which need not be stored yet (the checks before a change). */
    public GraphToken token(Connection connection) {
        requireAllowedHosts(connection);
        String fingerprint = fingerprint(connection);
        Slot slot = slots.computeIfAbsent(slotKey(connection), key -> new Slot());
        synchronized (slot) {
            Instant now = clock.instant();
            if (fingerprint.equals(slot.fingerprint) && fresh(slot, now)) {
                requested(connection, "cache").increment();
                return slot.token;
            }
            return acquireInto(slot, connection, fingerprint);
        }
    }

    /**
     * A token in place of one Graph refused (401): when the cached token is the refused one, a new one is
     * acquired; when it is not, another caller has replaced it already and the cached one is answered. Callers
     * name the refused token by {@link AccessTokenDigest}, so many callers refused at once cause one acquisition,
     * and a caller can only ever replace the token it was given.
     */
    public GraphToken replace(Connection connection, String refusedDigest) {
        requireAllowedHosts(connection);
        String fingerprint = fingerprint(connection);
        Slot slot = slots.computeIfAbsent(slotKey(connection), key -> new Slot());
        synchronized (slot) {
            boolean refused = slot.token != null && AccessTokenDigest.of(slot.token.accessToken()).equals(refusedDigest);
            if (!refused && fingerprint.equals(slot.fingerprint) && fresh(slot, clock.instant())) {
                requested(connection, "cache").increment();
                return slot.token;
            }
            return acquireInto(slot, connection, fingerprint);
        }
    }

    /** A new token, whatever is cached (the administrator's "renew token"). */
    public GraphToken renew(Connection connection) {
        requireAllowedHosts(connection);
        String fingerprint = fingerprint(connection);
        Slot slot = slots.computeIfAbsent(slotKey(connection), key -> new Slot());
        synchronized (slot) {
            return acquireInto(slot, connection, fingerprint);
        }
    }

    /** Forgets the cached tokens of the connection, e.g. after a new consent. */
    public void evict(String connectionId) {
        slots.keySet().removeIf(key -> key.startsWith(connectionId + " "));
    }

    /** The scope a connection's tokens are for. */
    static String scope(Connection connection) {
        ConnectionSettings settings = connection.settings();
        return settings.isImap() ? GraphScopes.EXCHANGE_ONLINE_IMAP : GraphScopes.application(settings.graphBaseUrl());
    }

    private static String slotKey(Connection connection) {
        return connection.id() + " " + scope(connection);
    }

    /** A connection stored before its hosts were limited, or since the operator allowed fewer, gets no token. */
    private void requireAllowedHosts(Connection connection) {
        ConnectionSettings settings = connection.settings();
        Map<String, String> refused = hosts.refusals(settings.authorityHost(), settings.graphBaseUrl());
        refused.entrySet().stream().findFirst().ifPresent(field -> {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.HOST_NOT_ALLOWED,
                    "connection " + connection.id() + ": " + field.getKey() + " " + field.getValue(), null);
        });
    }

    private GraphToken acquireInto(Slot slot, Connection connection, String fingerprint) {
        requested(connection, "authority").increment();
        GraphToken token;
        try {
            token = acquire(connection);
        } catch (TokenAcquisitionException e) {
            Counter.builder("mailtrail.tokens.failed").description("Graph token requests that gave no token")
                    .tag("auth_mode", mode(connection)).tag("reason", e.reason().name().toLowerCase(Locale.ROOT))
                    .register(meters).increment();
            throw e;
        }
        slot.fingerprint = fingerprint;
        slot.token = token;
        slot.acquiredAt = clock.instant();
        return token;
    }

    private GraphToken acquire(Connection connection) {
        SecretValue secret = clientSecret(connection);
        if (connection.settings().authMode() == AuthMode.DELEGATED) {
            return delegated.acquire(connection, secret);
        }
        if (secret == null) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.NO_SECRET,
                    "connection " + connection.id() + " has no client secret", null);
        }
        return application.acquire(connection, secret, scope(connection));
    }

    private SecretValue clientSecret(Connection connection) {
        StoredSecret stored = connection.clientSecret();
        if (stored == null) {
            return null;
        }
        try {
            return secrets.reveal(stored, connection.clientSecretContext());
        } catch (SecretUnavailableException | SecretDecryptionException e) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.SECRET_UNAVAILABLE,
                    "the client secret: " + e.getMessage(), null);
        }
    }

    /**
     * Fresh until the refresh margin before expiry; for tokens that live shorter than two margins, until half
     * their life, so a short-lived token is still reused.
     */
    private boolean fresh(Slot slot, Instant now) {
        if (slot.token == null) {
            return false;
        }
        Duration life = Duration.between(slot.acquiredAt, slot.token.expiresAt());
        Duration margin = refreshMargin.compareTo(life.dividedBy(2)) < 0 ? refreshMargin : life.dividedBy(2);
        return now.isBefore(slot.token.expiresAt().minus(margin));
    }

    private String fingerprint(Connection connection) {
        ConnectionSettings s = connection.settings();
        StringBuilder parts = new StringBuilder().append(scope(connection)).append('|').append(s.authMode()).append('|')
                .append(s.tenantId()).append('|')
                .append(s.clientId()).append('|').append(s.authorityHost()).append('|').append(s.graphBaseUrl());
        StoredSecret secret = connection.clientSecret();
        if (secret != null) {
            parts.append('|').append(secret.updatedAt());
            if (secret.isReference()) {
                parts.append('|').append(secret.reference().text());
            } else {
                parts.append('|').append(HexFormat.of().formatHex(sha256(secret.encrypted().ciphertext())));
            }
        }
        if (s.authMode() == AuthMode.DELEGATED) {
            parts.append('|').append(delegated.grantVersion(connection));
        }
        return HexFormat.of().formatHex(sha256(parts.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Counter requested(Connection connection, String source) {
        return Counter.builder("mailtrail.tokens.requested")
                .description("Graph tokens handed out, from the cache or freshly from the authority")
                .tag("auth_mode", mode(connection)).tag("source", source).register(meters);
    }

    private static String mode(Connection connection) {
        if (connection.settings().isImap()) {
            return "imap_xoauth2";
        }
        return connection.settings().authMode().name().toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
