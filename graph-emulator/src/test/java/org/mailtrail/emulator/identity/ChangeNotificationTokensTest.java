package org.mailtrail.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;

class ChangeNotificationTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final ChangeNotificationTokens tokens = new ChangeNotificationTokens(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesAnRs256TokenForTheAppAndTenantWithTheClaimsOfGraphsExample() {
        String[] token = tokens.issue("app-1", "tenant-1").split("\\.");

        JsonNode header = Json.parse(B64.decode(token[0]));
        JsonNode claims = Json.parse(B64.decode(token[1]));
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).isEqualTo(tokens.keyId());
        assertThat(claims.get("aud").asString()).isEqualTo("app-1");
        assertThat(claims.get("iss").asString()).isEqualTo("https://sts.windows.net/tenant-1/");
        assertThat(claims.get("appid").asString()).isEqualTo("0bf30f3b-4a52-48df-9a82-234910c4a086");
        assertThat(claims.get("tid").asString()).isEqualTo("tenant-1");
        assertThat(claims.get("ver").asString()).isEqualTo("1.0");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 29_100);
    }

    @Test
    void signsWithThePublishedKeyAndOnlyThat() throws GeneralSecurityException {
        String own = tokens.issue("app-1", "tenant-1");
        String foreign = new ChangeNotificationTokens(Clock.systemUTC()).issue("app-1", "tenant-1");

        JsonNode key = tokens.jwks().get("keys").get(0);

        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("kid").asString()).isEqualTo(tokens.keyId());
        assertThat(verifies(own, key)).isTrue();
        assertThat(verifies(foreign, key)).isFalse();
    }

    private static boolean verifies(String token, JsonNode jwk) throws GeneralSecurityException {
        String[] parts = token.split("\\.");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, B64.decode(jwk.get("n").asString())), new BigInteger(1, B64.decode(jwk.get("e").asString()))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(B64.decode(parts[2]));
    }
}
