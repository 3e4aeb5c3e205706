package org.mailtrail.ingestor.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.platform.graph.GraphTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks the {@code validationTokens} of a delivery that carries mail, as Microsoft asks before any of it is used
 * ("Validating the authenticity of notifications"): every token is an RS256 JWT signed with a key of the Microsoft
 * identity platform (the JWK set at {@code {authorityHost}/common/discovery/v2.0/keys} of the connection's cloud,
 * fetched with the platform's {@link GraphTrust}, kept, and fetched again when a token names a key it lacks), not
 * expired and already valid, issued by {@code https://sts.windows.net/{tenantId}/} for the app that subscribed
 * ({@code aud}) and to Graph's change notification publisher ({@code appid}). Graph puts one token per app and tenant
 * with items in the delivery, so each of those needs one; a token that fails, or one for an app or tenant the
 * delivery has no item of, makes the whole delivery suspect.
 */
@Component
public class ValidationTokens {

    private static final Logger log = LoggerFactory.getLogger(ValidationTokens.class);

    /** The {@code appid} of Microsoft Graph's change notification publisher. */
    public static final String NOTIFICATION_PUBLISHER = "0bf30f3b-4a52-48df-9a82-234910c4a086";
    /** How far the clocks of Entra and this instance may be apart; Microsoft's own token libraries allow 5 minutes. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How long a JWK set is used before it is fetched again; Entra rolls its signing keys over in days. */
    static final Duration KEYS_KEPT = Duration.ofHours(12);
    /** A token naming an unknown key fetches the set again, but no more often than this per cloud. */
    static final Duration REFETCH_GAP = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    /**
     * An app and tenant a delivery holds mail for.
     *
     * @param clientId the connection's app, which subscribed: the tokens' {@code aud}
     * @param tenantId the directory the subscription is in: the tokens' {@code iss} names it
     * @param authorityHost the connection's Entra (a national cloud has its own), whose keys sign the tokens
     */
    public record Audience(String clientId, String tenantId, URI authorityHost) {
    }

    /** Where a JWK set is read from: an HTTPS GET answered with the set's JSON. */
    @FunctionalInterface
    interface KeySource {
        String fetch(URI uri) throws IOException, InterruptedException;
    }

    private record Keys(JWKSet set, Instant fetchedAt) {
    }

    private final KeySource source;
    private final Clock clock;
    private final Map<URI, Keys> keys = new ConcurrentHashMap<>();

    @Autowired
    public ValidationTokens(GraphTrust trust, Clock clock) {
        this(https(trust), clock);
    }

    ValidationTokens(KeySource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * Why the tokens do not vouch for a delivery with items of {@code audiences}; empty when they do.
     */
    public Optional<String> refusal(List<String> tokens, Collection<Audience> audiences) {
        if (tokens == null || tokens.isEmpty()) {
            return Optional.of("the delivery has no validation tokens");
        }
        Set<Audience> vouchedFor = new HashSet<>();
        for (String token : tokens) {
            Audience audience;
            try {
                SignedJWT jwt = SignedJWT.parse(token);
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                Optional<Audience> named = audiences.stream().filter(a -> issuedFor(claims, a)).findFirst();
                if (named.isEmpty()) {
                    return Optional.of("a token was issued to " + claims.getAudience() + " by " + claims.getIssuer()
                            + ", no app and tenant of the delivery");
                }
                audience = named.get();
                Optional<String> wrong = wrong(jwt, claims, audience);
                if (wrong.isPresent()) {
                    return wrong;
                }
            } catch (ParseException e) {
                return Optional.of("a token is not a signed JWT: " + e.getMessage());
            }
            vouchedFor.add(audience);
        }
        return audiences.stream().filter(a -> !vouchedFor.contains(a)).findFirst()
                .map(a -> "no token for app " + a.clientId() + " in tenant " + a.tenantId());
    }

    private static boolean issuedFor(JWTClaimsSet claims, Audience audience) {
        List<String> aud = claims.getAudience();
        return aud != null && audience.clientId() != null && audience.tenantId() != null
                && aud.stream().anyMatch(audience.clientId()::equalsIgnoreCase)
                && ("https://sts.windows.net/" + audience.tenantId() + "/").equalsIgnoreCase(claims.getIssuer());
    }

    private Optional<String> wrong(SignedJWT jwt, JWTClaimsSet claims, Audience audience) throws ParseException {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Optional.of("a token is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
        }
        Optional<RSAKey> key = key(audience.authorityHost(), jwt.getHeader().getKeyID());
        if (key.isEmpty()) {
            return Optional.of("a token is signed with key '" + jwt.getHeader().getKeyID() + "', which "
                    + audience.authorityHost() + " does not publish");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.get()))) {
                return Optional.of("a token's signature does not verify");
            }
        } catch (JOSEException e) {
            return Optional.of("a token's signature cannot be verified: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant().plus(CLOCK_SKEW))) {
            return Optional.of("a token has expired (" + claims.getExpirationTime() + ")");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW))) {
            return Optional.of("a token is not valid yet (" + claims.getNotBeforeTime() + ")");
        }
        if (!NOTIFICATION_PUBLISHER.equalsIgnoreCase(claims.getStringClaim("appid"))) {
            return Optional.of("a token was issued to app " + claims.getStringClaim("appid")
                    + ", not to Graph's change notification publisher");
        }
        return Optional.empty();
    }

    /** The cloud's key of that id: from the kept set, or from a fresh one when the kept one is old or lacks it. */
    private Optional<RSAKey> key(URI authorityHost, String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        Keys known = keys.get(authorityHost);
        Instant now = clock.instant();
        boolean old = known == null || !now.isBefore(known.fetchedAt().plus(KEYS_KEPT));
        boolean mayRefetch = known == null || !now.isBefore(known.fetchedAt().plus(REFETCH_GAP));
        if (old || (known.set().getKeyByKeyId(keyId) == null && mayRefetch)) {
            known = fetch(authorityHost, known);
        }
        JWK key = known == null ? null : known.set().getKeyByKeyId(keyId);
        return key instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
    }

    private synchronized Keys fetch(URI authorityHost, Keys before) {
        Keys current = keys.get(authorityHost);
        if (current != before) {
            // Another token fetched it meanwhile.
            return current;
        }
        URI uri = jwksUri(authorityHost);
        try {
            Keys fetched = new Keys(JWKSet.parse(source.fetch(uri)), clock.instant());
            keys.put(authorityHost, fetched);
            return fetched;
        } catch (IOException | ParseException e) {
            log.warn("cannot read the signing keys of {}: {}", uri, e.toString());
            return before;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return before;
        }
    }

    static URI jwksUri(URI authorityHost) {
        String host = authorityHost.toString();
        return URI.create((host.endsWith("/") ? host.substring(0, host.length() - 1) : host)
                + "/common/discovery/v2.0/keys");
    }

    private static KeySource https(GraphTrust trust) {
        HttpClient http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(FETCH_TIMEOUT).build();
        return uri -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                throw new IOException(uri + " answered " + answer.statusCode());
            }
            return answer.body();
        };
    }
}
