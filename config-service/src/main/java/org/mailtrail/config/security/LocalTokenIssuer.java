package org.mailtrail.config.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * The issuer of last resort for a local run with no identity provider: an RSA key pair made at start and never
 * stored, so its tokens die with the process. It mints the admin token printed at start and internal tokens for
 * the other services of a local run.
 */
public class LocalTokenIssuer {

    public static final String ISSUER = "urn:mailtrail:config-service:local";

    private final KeyPair keyPair;
    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    public LocalTokenIssuer(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
        RSAKey key = new RSAKey.Builder(publicKey()).privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    public String mintAdmin(String subject) {
        return mint(subject, List.of(properties.adminRole()), properties.localTokenLifetime());
    }

    public String mintInternal(String subject) {
        return mint(subject, List.of(properties.internalRole()), properties.localTokenLifetime());
    }

    public String mint(String subject, List<String> roles, Duration lifetime) {
        return mint(subject, roles, clock.instant(), lifetime);
    }

    public String mint(String subject, List<String> roles, Instant issuedAt, Duration lifetime) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(subject).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime)).id(UUID.randomUUID().toString())
                .claim(properties.rolesClaim(), roles).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** Writes {@code admin.jwt} and {@code internal.jwt} for a local launcher, readable by the owner only. */
    void writeTokens(Path directory, String admin, String internal) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve("admin.jwt"), admin);
            write(directory.resolve("internal.jwt"), internal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write local tokens to " + directory, e);
        }
    }

    private static void write(Path file, String token) throws IOException {
        Files.writeString(file, token + System.lineSeparator());
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
