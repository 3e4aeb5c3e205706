package org.mailtrail.config.token.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.ReEncryptable;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.domain.DelegatedGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The {@code delegated_grants} collection, keyed by connection id; the refresh token only as ciphertext. */
@Repository
public class DelegatedGrantStore implements ReEncryptable {

    private static final Logger log = LoggerFactory.getLogger(DelegatedGrantStore.class);
    private static final String COLLECTION = "delegated_grants";

    record GrantDocument(@Id String connectionId, byte[] ciphertext, int keyId, String account, Instant consentedAt,
            String consentedBy, Instant refreshedAt) {

        DelegatedGrant toGrant() {
            return new DelegatedGrant(connectionId, new EncryptedSecret(ciphertext, keyId), account, consentedAt,
                    consentedBy, refreshedAt);
        }
    }

    private final MongoTemplate mongo;

    public DelegatedGrantStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<DelegatedGrant> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, GrantDocument.class, COLLECTION))
                .map(GrantDocument::toGrant);
    }

    /** Stores a new consent, replacing the previous one (a changed account). */
    public void save(DelegatedGrant grant) {
        mongo.save(new GrantDocument(grant.connectionId(), grant.refreshToken().ciphertext(), grant.refreshToken().keyId(),
                grant.account(), grant.consentedAt(), grant.consentedBy(), grant.refreshedAt()), COLLECTION);
    }

    /** Replaces a rotated refresh token, unless a new consent replaced the grant meanwhile. */
    public void rotate(String connectionId, Instant consentedAt, EncryptedSecret refreshToken, Instant refreshedAt) {
        mongo.updateFirst(query(where("_id").is(connectionId).and("consentedAt").is(consentedAt)),
                new Update().set("ciphertext", refreshToken.ciphertext()).set("keyId", refreshToken.keyId())
                        .set("refreshedAt", refreshedAt), COLLECTION);
    }

    public void delete(String connectionId) {
        mongo.remove(query(where("_id").is(connectionId)), COLLECTION);
    }

    @Override
    public ReEncryptionResult reEncrypt(Secrets secrets) {
        ReEncryptionResult result = ReEncryptionResult.NONE;
        for (GrantDocument document : mongo.findAll(GrantDocument.class, COLLECTION)) {
            if (document.keyId() == secrets.cipher().primaryKeyId()) {
                result = result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            try {
                EncryptedSecret fresh = secrets.reEncrypt(new EncryptedSecret(document.ciphertext(), document.keyId()),
                        DelegatedGrant.context(document.connectionId()));
                mongo.updateFirst(query(where("_id").is(document.connectionId()).and("keyId").is(document.keyId())
                        .and("consentedAt").is(document.consentedAt())),
                        new Update().set("ciphertext", fresh.ciphertext()).set("keyId", fresh.keyId()), COLLECTION);
                result = result.plus(new ReEncryptionResult(1, 0, 0));
            } catch (SecretDecryptionException e) {
                log.warn("Refresh token of connection {} cannot be re-encrypted: {}", document.connectionId(),
                        e.getMessage());
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
