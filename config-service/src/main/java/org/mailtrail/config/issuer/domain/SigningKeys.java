package org.mailtrail.config.issuer.domain;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.config.issuer.store.SigningKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's signing keys as every replica sees them: read from the store and kept for a short while, so a
 * rotation made by another replica reaches this one within {@code cacheFor}. A new key is published at once but
 * signs only {@code cacheFor} later, so that by the time a token carries its kid every replica's JWK set has it.
 * A retired key stays published for {@code retention} (the longest token lifetime and a margin), then goes.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int ROTATION_ATTEMPTS = 3;

    private record Snapshot(List<SigningKey> keys, Instant readAt) {
    }

    private final SigningKeyStore store;
    private final Clock clock;
    private final Duration cacheFor;
    private final Duration retention;
    private volatile Snapshot snapshot;

    public SigningKeys(SigningKeyStore store, Clock clock, Duration cacheFor, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.retention = retention;
    }

    /** Makes the first key when there is none; of two replicas starting together, one makes it, both use it. */
    public void ensureKey() {
        if (store.findAll().isEmpty()) {
            Instant now = clock.instant();
            if (store.insert(generate(1, now, now))) {
                log.info("Issuer signing key generation 1 created");
            }
        }
        refresh();
    }

    /** Creates the next generation and retires the current one; retried when another replica rotated meanwhile. */
    public SigningKey rotate() {
        for (int attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
            Optional<SigningKey> next = rotateFrom(newest(store.findAll()));
            if (next.isPresent()) {
                return next.get();
            }
        }
        throw new IllegalStateException("the signing key could not be rotated: other replicas rotated "
                + ROTATION_ATTEMPTS + " times meanwhile");
    }

    /** Rotates when the newest key is {@code every} old; a replica that loses the race to another leaves it. */
    public Optional<SigningKey> rotateIfDue(Duration every) {
        SigningKey newest = newest(store.findAll());
        if (newest.createdAt().plus(every).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return rotateFrom(newest);
    }

    /**
     * Retires every key a newer one has taken over from (a replica that stopped between storing a new key and
     * retiring the old one leaves one behind), then deletes those retired for longer than the retention.
     */
    public long sweep() {
        List<SigningKey> keys = store.findAll();
        for (int i = 0; i < keys.size() - 1; i++) {
            if (keys.get(i).retiredAt() == null) {
                store.retire(keys.get(i).kid(), keys.get(i + 1).activeFrom());
            }
        }
        long deleted = store.deleteRetiredBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("Deleted {} issuer signing key(s) retired more than {} ago", deleted, retention);
            refresh();
        }
        return deleted;
    }

    /** Every key, oldest first, straight from the store. */
    public List<SigningKey> all() {
        return store.findAll();
    }

    /** The newest key whose time to sign has come. */
    public SigningKey signingKey() {
        Instant now = clock.instant();
        return current().stream().filter(key -> key.signsAt(now)).max(Comparator.comparingLong(SigningKey::generation))
                .orElseThrow(() -> new IllegalStateException("the issuer has no signing key"));
    }

    /** The keys whose tokens may still be alive, and the next one: what the JWK set publishes. */
    public List<SigningKey> published() {
        Instant now = clock.instant();
        return current().stream().filter(key -> key.publishedAt(now, retention)).toList();
    }

    /** For signing: the signing key alone, so the encoder never has two RS256 keys to choose from. */
    public JWKSource<SecurityContext> signingSource() {
        return (selector, context) -> selector.select(new JWKSet(signingKey().jwk()));
    }

    /** For {@code /oauth2/jwks} and verification: the published keys' public halves. */
    public JWKSource<SecurityContext> publishedSource() {
        return (selector, context) -> selector.select(new JWKSet(published().stream()
                .map(key -> (JWK) key.jwk().toPublicJWK()).toList()));
    }

    public Duration retention() {
        return retention;
    }

    private Optional<SigningKey> rotateFrom(SigningKey newest) {
        Instant now = clock.instant();
        SigningKey next = generate(newest.generation() + 1, now, now.plus(cacheFor));
        if (!store.insert(next)) {
            return Optional.empty();
        }
        store.retire(newest.kid(), next.activeFrom());
        log.info("Issuer signing key rotated: generation {} ({}) signs from {}, generation {} retired", next.generation(),
                next.kid(), next.activeFrom(), newest.generation());
        refresh();
        return Optional.of(next);
    }

    /**
     * The keys as last read; read again once {@code cacheFor} has passed. While MongoDB cannot be read, the keys
     * read before keep signing and stay published: they change only by a rotation, and tokens must not stop
     * verifying across the platform because the issuer's database is away for a moment.
     */
    private List<SigningKey> current() {
        Snapshot read = snapshot;
        if (read == null || !clock.instant().isBefore(read.readAt().plus(cacheFor))) {
            try {
                read = refresh();
            } catch (SigningKeyStore.KeysUnreadableException e) {
                if (read == null) {
                    throw e;
                }
                log.warn("Issuer signing keys could not be read again ({}); the {} read at {} stay in use",
                        e.getMessage(), read.keys().size(), read.readAt());
            }
        }
        return read.keys();
    }

    private synchronized Snapshot refresh() {
        Snapshot read = new Snapshot(store.findAll(), clock.instant());
        snapshot = read;
        return read;
    }

    private static SigningKey newest(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("the issuer has no signing key");
        }
        return keys.get(keys.size() - 1);
    }

    private static SigningKey generate(long generation, Instant createdAt, Instant activeFrom) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
        String kid = UUID.randomUUID().toString();
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        return new SigningKey(kid, generation, createdAt, activeFrom, null, jwk);
    }
}
