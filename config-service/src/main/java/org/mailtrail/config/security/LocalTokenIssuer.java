package org.mailtrail.config.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
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
 * The issuer of last resort for a local run with no identity provider: an RSA key pair made at start. It mints the
 * admin token printed at start and internal tokens for the other services of a local run. The key is never stored,
 * so its tokens die with the process, unless a local tokens directory is set: then the key is kept there beside the
 * tokens it signed (owner-readable only), so a config-service that crashes and restarts still accepts the internal
 * token the other services were started with.
 */
public class LocalTokenIssuer {

    private static final String SIGNING_KEY = "local-signing-key.p8";

    public static final String ISSUER = "urn:mailtrail:config-service:local";

    private final KeyPair keyPair;
    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    public LocalTokenIssuer(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.keyPair = properties.localTokensDir() == null ? generate()
                : keptIn(properties.localTokensDir().resolve(SIGNING_KEY));
        RSAKey key = new RSAKey.Builder(publicKey()).privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.nameUUIDFromBytes(publicKey().getEncoded()).toString()).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    private static KeyPair keptIn(Path file) {
        try {
            if (Files.exists(file)) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                PublicKey publicKey = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
                return new KeyPair(publicKey, key);
            }
            KeyPair generated = generate();
            Files.createDirectories(file.getParent());
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, generated.getPrivate().getEncoded());
            ownerOnly(file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local signing key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local signing key in " + file + " is not an RSA key; delete it", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
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
        ownerOnly(file);
    }

    private static void ownerOnly(Path file) {
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
