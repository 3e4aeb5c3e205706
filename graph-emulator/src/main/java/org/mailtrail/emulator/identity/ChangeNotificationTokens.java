package org.mailtrail.emulator.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code validationTokens} of change notifications with resource data: RS256 JWTs that the Microsoft identity
 * platform signs for Graph's change-notification publisher, one per app and tenant, which a receiver checks against
 * the signing keys Entra publishes. The key pair is made at start and lives as long as the emulator, like the key of
 * its access tokens, so a token from another run fails the signature check as a forged one would.
 */
public final class ChangeNotificationTokens {

    /** The app every validation token names as {@code appid}: Graph's change-notification publisher. */
    public static final String PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    /** As long as the token in Graph's example is valid ({@code exp - iat}): about eight hours. */
    public static final Duration LIFETIME = Duration.ofSeconds(29_100);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final KeyPair keys;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public ChangeNotificationTokens(Clock clock) {
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            keys = generator.generateKeyPair();
            keyId = B64.encodeToString(MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key pair for validation tokens", e);
        }
    }

    /** The {@code kid} of the signing key, in every token's header and in the published key set. */
    public String keyId() {
        return keyId;
    }

    /** A token vouching that a notification for {@code appId} in {@code tenantId} comes from Graph. */
    public String issue(String appId, String tenantId) {
        long now = clock.instant().getEpochSecond();
        String issuer = "https://sts.windows.net/" + tenantId + "/";
        ObjectNode claims = Json.object();
        claims.put("aud", appId);
        claims.put("iss", issuer);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("appid", PUBLISHER_APP_ID);
        claims.put("appidacr", "2");
        claims.put("idp", issuer);
        claims.put("tid", tenantId);
        claims.put("uti", randomToken());
        claims.put("ver", "1.0");
        ObjectNode header = Json.object();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", keyId);
        String signed = B64.encodeToString(Json.bytes(header)) + "." + B64.encodeToString(Json.bytes(claims));
        return signed + "." + B64.encodeToString(sign(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The signing keys as Entra publishes them at {@code .../discovery/v2.0/keys} (a JSON Web Key Set). */
    public ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode body = Json.object();
        ObjectNode jwk = body.putArray("keys").addObject();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("kid", keyId);
        jwk.put("n", B64.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        return body;
    }

    private byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK carries big integers without the sign byte {@link BigInteger#toByteArray()} may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private String randomToken() {
        byte[] value = new byte[16];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }
}
