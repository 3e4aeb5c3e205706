package org.mailtrail.config.issuer.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.mailtrail.config.issuer.domain.SigningKey;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.ReEncryptable;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The {@code issuer_keys} collection: one document per signing key, its public JWK in clear and the whole key pair
 * encrypted under the master keyset, bound to its kid. The unique index on {@code generation} is what makes two
 * replicas that create or rotate at the same moment agree on one key.
 */
public class SigningKeyStore implements ReEncryptable {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    static final String COLLECTION = "issuer_keys";

    record KeyDocument(@Id String kid, long generation, Instant createdAt, Instant activeFrom, Instant retiredAt,
            String publicJwk, byte[] privateKey, int keyId) {
    }

    private final MongoTemplate mongo;
    private final SecretCipher cipher;

    public SigningKeyStore(MongoTemplate mongo, SecretCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("generation", Sort.Direction.ASC).unique());
    }

    static String context(String kid) {
        return "issuer-signing-key:" + kid;
    }

    /** The keys could not be read: MongoDB is not answering. */
    public static class KeysUnreadableException extends RuntimeException {

        public KeysUnreadableException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Every key, oldest generation first.
     *
     * @throws KeysUnreadableException when MongoDB cannot be read
     */
    public List<SigningKey> findAll() {
        try {
            return mongo.find(new Query()
                    .with(Sort.by(Sort.Direction.ASC, "generation")), KeyDocument.class, COLLECTION)
                    .stream().map(this::toKey).toList();
        } catch (DataAccessException e) {
            throw new KeysUnreadableException(e);
        }
    }

    /** Stores a new key; false when another replica stored one of the same generation first. */
    public boolean insert(SigningKey key) {
        EncryptedSecret secret = cipher.encrypt(key.jwk().toJSONString(), context(key.kid()));
        try {
            mongo.insert(new KeyDocument(key.kid(), key.generation(), key.createdAt(), key.activeFrom(), key.retiredAt(),
                    key.jwk().toPublicJWK().toJSONString(), secret.ciphertext(), secret.keyId()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Marks a key retired, unless it already is. */
    public void retire(String kid, Instant at) {
        mongo.updateFirst(query(where("_id").is(kid).and("retiredAt").is(null)), new Update().set("retiredAt", at),
                COLLECTION);
    }

    /** Deletes the keys retired before {@code cutoff}; answers how many. */
    public long deleteRetiredBefore(Instant cutoff) {
        return mongo.remove(query(where("retiredAt").lt(cutoff)), COLLECTION).getDeletedCount();
    }

    private SigningKey toKey(KeyDocument document) {
        String json = cipher.decrypt(document.privateKey(), context(document.kid())).reveal();
        try {
            return new SigningKey(document.kid(), document.generation(), document.createdAt(), document.activeFrom(),
                    document.retiredAt(), (RSAKey) JWK.parse(json));
        } catch (ParseException | ClassCastException e) {
            throw new IllegalStateException("signing key " + document.kid() + " is not a stored RSA JWK");
        }
    }

    @Override
    public ReEncryptionResult reEncrypt(Secrets secrets) {
        ReEncryptionResult result = ReEncryptionResult.NONE;
        for (KeyDocument document : mongo.findAll(KeyDocument.class, COLLECTION)) {
            if (document.keyId() == secrets.cipher().primaryKeyId()) {
                result = result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            try {
                EncryptedSecret fresh = secrets.reEncrypt(new EncryptedSecret(document.privateKey(), document.keyId()),
                        context(document.kid()));
                mongo.updateFirst(query(where("_id").is(document.kid()).and("keyId").is(document.keyId())),
                        new Update().set("privateKey", fresh.ciphertext()).set("keyId", fresh.keyId()), COLLECTION);
                result = result.plus(new ReEncryptionResult(1, 0, 0));
            } catch (SecretDecryptionException e) {
                log.warn("Issuer signing key {} cannot be re-encrypted: {}", document.kid(), e.getMessage());
                result = result.plus(new ReEncryptionResult(0, 0, 1));
            }
        }
        return result;
    }

    @Override
    public Set<Integer> keyIdsInUse() {
        return Set.copyOf(mongo.findDistinct(new Query(), "keyId", COLLECTION, Integer.class));
    }
}
