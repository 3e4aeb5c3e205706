package org.mailtrail.config.issuer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.config.issuer.InProcessMongo;
import org.mailtrail.config.issuer.store.SigningKeyStore;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretsProperties;
import org.mailtrail.testsupport.ManualClock;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;

class SigningKeysTest {

    private static final InProcessMongo MONGO = new InProcessMongo();
    private static final Duration CACHE = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofMinutes(35);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private MongoTemplate mongo;
    private SecretCipher cipher;

    @BeforeEach
    void database() {
        mongo = MONGO.template("signing_keys_test");
        mongo.getDb().drop();
        cipher = new SecretCipher(new SecretsProperties(MasterKeysets.generate(), null));
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    /** One replica's view of the keys, on the shared database. */
    private SigningKeys replica() {
        return new SigningKeys(new SigningKeyStore(mongo, cipher), clock, CACHE, RETENTION);
    }

    private static List<String> kids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).toList();
    }

    private static List<JWK> published(SigningKeys keys) throws Exception {
        return keys.publishedSource().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    }

    @Test
    void twoReplicasStartingOnAnEmptyDatabaseShareOneKey() {
        SigningKeys first = replica();
        SigningKeys second = replica();

        first.ensureKey();
        second.ensureKey();

        assertThat(first.all()).hasSize(1);
        assertThat(second.signingKey().kid()).isEqualTo(first.signingKey().kid());
        assertThat(first.signingKey().generation()).isEqualTo(1);
    }

    @Test
    void keepsSigningAndPublishingTheKeysItReadWhileMongoDbCannotBeRead() throws Exception {
        replica().ensureKey();
        SigningKeyStore store = new SigningKeyStore(mongo, cipher);
        boolean[] down = { false };
        SigningKeyStore failing = new SigningKeyStore(mongo, cipher) {
            @Override
            public List<SigningKey> findAll() {
                if (down[0]) {
                    throw new SigningKeyStore.KeysUnreadableException(new DataAccessResourceFailureException(
                            "Timed out while waiting for a server"));
                }
                return store.findAll();
            }
        };
        SigningKeys keys = new SigningKeys(failing, clock, CACHE, RETENTION);
        String kid = keys.signingKey().kid();

        down[0] = true;
        clock.advance(CACHE.multipliedBy(3));

        assertThat(keys.signingKey().kid()).isEqualTo(kid);
        assertThat(kids(published(keys))).containsExactly(kid);
    }

    @Test
    void storesThePrivateKeyOnlyEncrypted() {
        SigningKeys keys = replica();
        keys.ensureKey();

        Document stored = mongo.getCollection("issuer_keys").find().first();
        String privateExponent = keys.signingKey().jwk().getPrivateExponent().toString();
        assertThat(stored.toJson()).doesNotContain(privateExponent);
        assertThat(stored.getString("publicJwk")).doesNotContain("\"d\"");
        assertThat(stored.getLong("generation")).isEqualTo(1);
    }

    @Test
    void aRotatedKeyIsPublishedAtOnceAndSignsOneCachePeriodLater() throws Exception {
        SigningKeys keys = replica();
        keys.ensureKey();
        String old = keys.signingKey().kid();

        SigningKey next = keys.rotate();

        assertThat(next.generation()).isEqualTo(2);
        assertThat(next.activeFrom()).isEqualTo(clock.instant().plus(CACHE));
        assertThat(kids(published(keys))).containsExactly(old, next.kid());
        assertThat(published(keys)).noneMatch(JWK::isPrivate);
        assertThat(keys.signingKey().kid()).isEqualTo(old);
        clock.advance(CACHE);
        assertThat(keys.signingKey().kid()).isEqualTo(next.kid());
        assertThat(keys.all().get(0).retiredAt()).isEqualTo(next.activeFrom());
    }

    @Test
    void anotherReplicaSeesARotationOnceItsCacheExpires() {
        SigningKeys rotating = replica();
        SigningKeys other = replica();
        rotating.ensureKey();
        other.ensureKey();

        SigningKey next = rotating.rotate();

        assertThat(other.published()).hasSize(1);
        clock.advance(CACHE);
        assertThat(other.published()).extracting(SigningKey::kid).contains(next.kid());
        assertThat(other.signingKey().kid()).isEqualTo(next.kid());
    }

    @Test
    void aRetiredKeyLeavesTheJwkSetAfterTheRetentionAndTheSweepDeletesIt() throws Exception {
        SigningKeys keys = replica();
        keys.ensureKey();
        String old = keys.signingKey().kid();
        SigningKey next = keys.rotate();
        clock.advance(CACHE);

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(kids(published(keys))).contains(old);
        assertThat(keys.sweep()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(kids(published(keys))).containsExactly(next.kid());
        assertThat(keys.sweep()).isEqualTo(1);
        assertThat(keys.all()).extracting(SigningKey::kid).containsExactly(next.kid());
    }

    @Test
    void rotatesWhenDueOnlyAndOnceForTwoReplicas() {
        SigningKeys first = replica();
        SigningKeys second = replica();
        first.ensureKey();

        assertThat(first.rotateIfDue(Duration.ofDays(30))).isEmpty();
        clock.advance(Duration.ofDays(30));
        assertThat(first.rotateIfDue(Duration.ofDays(30))).isPresent();
        assertThat(second.rotateIfDue(Duration.ofDays(30))).isEmpty();

        assertThat(first.all()).extracting(SigningKey::generation).containsExactly(1L, 2L);
    }

    @Test
    void theSweepRetiresAKeyThatAStoppedRotationLeftActive() {
        SigningKeyStore store = new SigningKeyStore(mongo, cipher);
        SigningKeys keys = new SigningKeys(store, clock, CACHE, RETENTION);
        keys.ensureKey();
        SigningKey first = keys.all().get(0);
        keys.rotate();
        mongo.getCollection("issuer_keys").updateOne(new Document("_id", first.kid()),
                new Document("$unset", new Document("retiredAt", "")));

        keys.sweep();

        assertThat(keys.all().get(0).retiredAt()).isEqualTo(keys.all().get(1).activeFrom());
    }
}
