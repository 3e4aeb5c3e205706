package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.mailtrail.ingestor.graph.ValidationTokens.Audience;
import org.mailtrail.testsupport.ManualClock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class ValidationTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:15:00Z");
    private static final String CLIENT = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    private static final String TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    private static final URI ENTRA = URI.create("https://login.microsoftonline.com");
    private static final Audience CONNECTION = new Audience(CLIENT, TENANT, ENTRA);
    private static final KeyPair SIGNING = EncryptedItems.rsaKeyPair(2048);
    private static final KeyPair ROLLED_OVER = EncryptedItems.rsaKeyPair(2048);

    private final ManualClock clock = new ManualClock(NOW);
    /** What the cloud publishes, one answer per fetch (the last one again once they run out). */
    private final List<String> published = new ArrayList<>(List.of(jwks("key-1", SIGNING)));
    private final List<URI> fetched = new ArrayList<>();
    private final ValidationTokens tokens = new ValidationTokens(uri -> {
        fetched.add(uri);
        return published.size() > 1 ? published.remove(0) : published.get(0);
    }, clock);

    @Test
    void acceptsATokenOfGraphsPublisherIssuedForTheAppInTheTenantAndSignedByTheCloudsKey() {
        assertThat(tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION))).isEmpty();
        assertThat(fetched).containsExactly(URI.create("https://login.microsoftonline.com/common/discovery/v2.0/keys"));
    }

    @Test
    void keepsTheKeysForTheNextDelivery() {
        tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION));
        clock.advance(Duration.ofHours(1));

        assertThat(tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION))).isEmpty();
        assertThat(fetched).hasSize(1);
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = token("key-1", SIGNING, c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(6)))));

        assertThat(tokens.refusal(List.of(expired), List.of(CONNECTION))).hasValueSatisfying(
                reason -> assertThat(reason).contains("expired"));
    }

    @Test
    void refusesATokenNotValidYet() {
        String early = token("key-1", SIGNING, c -> c.notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(6)))));

        assertThat(tokens.refusal(List.of(early), List.of(CONNECTION))).hasValueSatisfying(
                reason -> assertThat(reason).contains("not valid yet"));
    }

    @Test
    void refusesATokenIssuedForAnotherApp() {
        String otherApp = token("key-1", SIGNING, c -> c.audience("0a1b2c3d-0000-4000-8000-000000000000"));

        assertThat(tokens.refusal(List.of(otherApp), List.of(CONNECTION))).isPresent();
    }

    @Test
    void refusesATokenIssuedByAnotherTenant() {
        String otherTenant = token("key-1", SIGNING,
                c -> c.issuer("https://sts.windows.net/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/"));

        assertThat(tokens.refusal(List.of(otherTenant), List.of(CONNECTION))).isPresent();
    }

    @Test
    void refusesATokenThatGraphsChangeNotificationPublisherDidNotGet() {
        String otherPublisher = token("key-1", SIGNING, c -> c.claim("appid", "11111111-2222-3333-4444-555555555555"));

        assertThat(tokens.refusal(List.of(otherPublisher), List.of(CONNECTION))).hasValueSatisfying(
                reason -> assertThat(reason).contains("change notification publisher"));
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderTheCloudsKeyId() {
        String forged = token("key-1", ROLLED_OVER, c -> c);

        assertThat(tokens.refusal(List.of(forged), List.of(CONNECTION))).hasValueSatisfying(
                reason -> assertThat(reason).contains("signature"));
    }

    @Test
    void fetchesTheKeysAgainForATokenSignedWithAKeyItDoesNotKnowYet() {
        tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION));
        published.set(0, jwks("key-2", ROLLED_OVER));
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.refusal(List.of(token("key-2", ROLLED_OVER, c -> c)), List.of(CONNECTION))).isEmpty();
        assertThat(fetched).hasSize(2);
    }

    @Test
    void refusesATokenSignedWithAKeyTheCloudDoesNotPublishAndAsksForTheKeysOnlyOnceInAWhile() {
        tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION));
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.refusal(List.of(token("made-up", ROLLED_OVER, c -> c)), List.of(CONNECTION)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not publish"));
        assertThat(tokens.refusal(List.of(token("made-up", ROLLED_OVER, c -> c)), List.of(CONNECTION))).isPresent();
        assertThat(fetched).as("once for the first token, once more for the first unknown key").hasSize(2);
    }

    @Test
    void refusesADeliveryWithoutTokensOrWithoutATokenForEveryAppAndTenantItHoldsMailOf() {
        Audience second = new Audience("9a8b7c6d-0000-4000-8000-000000000000", TENANT, ENTRA);

        assertThat(tokens.refusal(List.of(), List.of(CONNECTION))).isPresent();
        assertThat(tokens.refusal(null, List.of(CONNECTION))).isPresent();
        assertThat(tokens.refusal(List.of(token("key-1", SIGNING, c -> c)), List.of(CONNECTION, second)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no token for app " + second.clientId()));
        assertThat(tokens.refusal(List.of(token("key-1", SIGNING, c -> c),
                token("key-1", SIGNING, c -> c.audience(second.clientId()))), List.of(CONNECTION, second))).isEmpty();
    }

    @Test
    void refusesWhatIsNoSignedJwt() {
        assertThat(tokens.refusal(List.of("eyJhbGciOiJub25lIn0.e30."), List.of(CONNECTION))).isPresent();
        assertThat(tokens.refusal(List.of("not a token"), List.of(CONNECTION))).isPresent();
    }

    /** A token as Graph puts it in a delivery, changed by {@code claims}. */
    private static String token(String keyId, KeyPair key, UnaryOperator<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .audience(CLIENT)
                .issuer("https://sts.windows.net/" + TENANT + "/")
                .issueTime(Date.from(NOW.minus(Duration.ofMinutes(1))))
                .notBeforeTime(Date.from(NOW.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
                .claim("appid", ValidationTokens.NOTIFICATION_PUBLISHER)
                .claim("appidacr", "2")
                .claim("tid", TENANT)
                .claim("ver", "1.0");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                claims.apply(builder).build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String jwks(String keyId, KeyPair key) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID(keyId).build()).toString();
    }
}
