package org.mailtrail.config.consent.domain;

import static org.mailtrail.config.ConfigProblems.CONSENT_CALLBACK_REFUSED;
import static org.mailtrail.config.ConfigProblems.CONSENT_NOT_APPLICABLE;
import static org.mailtrail.config.ConfigProblems.CONSENT_NOT_REDEEMED;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.config.consent.store.PendingConsentStore;
import org.mailtrail.config.graph.EntraTokenRequestException;
import org.mailtrail.config.graph.EntraTokenEndpoint;
import org.mailtrail.config.secret.domain.SecretValue;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.domain.DelegatedGrant;
import org.mailtrail.config.token.domain.DelegatedGrants;
import org.mailtrail.config.token.domain.DelegatedTokens;
import org.mailtrail.config.token.domain.TokenBroker;
import org.mailtrail.events.config.AuthMode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Business Central's "change the account" for DELEGATED connections: send the administrator's browser to
 * Entra's authorize endpoint (authorization code with PKCE, {@code prompt=select_account} when changing the
 * account), and on the way back redeem the code and keep the refresh token, encrypted, for later tokens.
 */
public class ConsentService {

    private final ConnectionService connections;
    private final PendingConsentStore pending;
    private final EntraTokenEndpoint entra;
    private final DelegatedTokens delegated;
    private final DelegatedGrants grants;
    private final TokenBroker broker;
    private final Secrets secrets;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsentService(ConnectionService connections, PendingConsentStore pending, EntraTokenEndpoint entra,
            DelegatedTokens delegated, DelegatedGrants grants, TokenBroker broker, Secrets secrets, AuditLog audit,
            JsonMapper json, Duration lifetime, Clock clock) {
        this.connections = connections;
        this.pending = pending;
        this.entra = entra;
        this.delegated = delegated;
        this.grants = grants;
        this.broker = broker;
        this.secrets = secrets;
        this.audit = audit;
        this.json = json;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The authorize URL to send the browser to. */
    public URI start(String connectionId, boolean changeAccount, String actor) {
        Connection connection = connections.get(connectionId);
        if (connection.settings().authMode() != AuthMode.DELEGATED) {
            throw new ConsentException(CONSENT_NOT_APPLICABLE, "authMode", "connection " + connectionId
                    + " uses APPLICATION permissions, which an administrator consents to in Entra;"
                    + " user consent is for DELEGATED connections");
        }
        Instant now = clock.instant();
        pending.removeExpired(now);
        String state = randomText(32);
        String verifier = randomText(64);
        URI redirect = connection.settings().redirectUrl();
        pending.save(new PendingConsent(state, connectionId, verifier, redirect, changeAccount, actor, now.plus(lifetime)));
        return entra.authorizeUrl(new EntraTokenEndpoint.Authorization(connection.settings().authorityHost(),
                connection.settings().tenantId(), connection.settings().clientId(), redirect,
                delegated.scopes(connection), state, challenge(verifier), changeAccount));
    }

    /** Redeems the code Entra sent back with {@code state}, and keeps the refresh token. */
    public ConsentResult complete(String state, String code, String error, String errorDescription) {
        if (state == null || state.isBlank()) {
            throw new ConsentException(CONSENT_CALLBACK_REFUSED, "state",
                    "is missing: this URL is only for Entra's redirect after consent");
        }
        PendingConsent consent = pending.take(state).orElseThrow(() -> new ConsentException(CONSENT_CALLBACK_REFUSED,
                "state", "is unknown or was used already: start the consent again"));
        if (clock.instant().isAfter(consent.expiresAt())) {
            throw new ConsentException(CONSENT_CALLBACK_REFUSED, "state", "has expired: start the consent again");
        }
        if (error != null) {
            throw new ConsentException(CONSENT_CALLBACK_REFUSED, "error", "Entra did not grant consent: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        }
        if (code == null || code.isBlank()) {
            throw new ConsentException(CONSENT_CALLBACK_REFUSED, "code", "is missing from Entra's redirect");
        }
        Connection connection = connections.get(consent.connectionId());
        SecretValue clientSecret = connection.hasClientSecret()
                ? secrets.reveal(connection.clientSecret(), connection.clientSecretContext()) : null;
        EntraTokenEndpoint.TokenResponse tokens;
        try {
            tokens = entra.redeemCode(delegated.client(connection, clientSecret), code, consent.redirectUrl(),
                    consent.codeVerifier(), delegated.scopes(connection));
        } catch (EntraTokenRequestException e) {
            throw new ConsentException(CONSENT_NOT_REDEEMED, "code",
                    "Entra refused to redeem the code: " + e.getMessage());
        }
        if (tokens.refreshToken() == null) {
            throw new ConsentException(CONSENT_NOT_REDEEMED, "code",
                    "Entra returned no refresh token; the app must allow the offline_access scope");
        }
        String account = account(tokens);
        DelegatedGrant grant = grants.consented(connection.id(), tokens.refreshToken(), account, consent.startedBy());
        broker.evict(connection.id());
        audit.record(consent.startedBy(), AuditAction.CONSENT_GRANTED, connection.id(), connection.revision(),
                List.of("account"), Map.of("account", account, "changeAccount", Boolean.toString(consent.changeAccount())));
        return new ConsentResult(connection.id(), account, grant.consentedAt());
    }

    /** The signed-in user's name, from the id token (or the access token) that came straight from Entra. */
    private String account(EntraTokenEndpoint.TokenResponse tokens) {
        for (String token : new String[] { tokens.idToken(), tokens.accessToken() }) {
            JsonNode claims = claims(token);
            for (String claim : List.of("preferred_username", "upn", "unique_name", "email")) {
                if (claims != null && claims.hasNonNull(claim)) {
                    return claims.get(claim).asString();
                }
            }
        }
        return "unknown";
    }

    private JsonNode claims(String jwt) {
        if (jwt == null) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
