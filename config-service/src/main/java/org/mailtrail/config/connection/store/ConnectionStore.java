package org.mailtrail.config.connection.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionAlreadyExistsException;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.ReEncryptable;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code connections} collection. Every write names the revision it replaces, so of two concurrent writers
 * exactly one wins; MongoDB needs no transaction for that.
 */
@Repository
public class ConnectionStore implements ReEncryptable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);

    static final String COLLECTION = "connections";

    /** A connection whose latest state (or deletion) is not on Kafka yet. */
    public record PendingPublication(Connection connection, boolean deleted) {
    }

    private final MongoTemplate mongo;

    public ConnectionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Connection> find(String id) {
        ConnectionDocument document = mongo.findOne(query(where("_id").is(id).and("deleted").is(false)),
                ConnectionDocument.class, COLLECTION);
        return Optional.ofNullable(document).map(ConnectionDocument::toConnection);
    }

    public List<Connection> all() {
        return mongo.find(query(where("deleted").is(false)).with(Sort.by("createdAt", "_id")),
                ConnectionDocument.class, COLLECTION).stream().map(ConnectionDocument::toConnection).toList();
    }

    /** Stores a new connection; a connection with its id, even one being deleted, makes this fail. */
    public void insert(Connection connection) {
        try {
            mongo.insert(ConnectionDocument.of(connection, true, false), COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new ConnectionAlreadyExistsException(connection.id());
        }
    }

    /** Replaces revision {@code expectedRevision} with {@code next}; false when that revision is gone. */
    public boolean replace(Connection next, long expectedRevision) {
        return mongo.replace(current(next.id(), expectedRevision), ConnectionDocument.of(next, true, false), COLLECTION)
                .getMatchedCount() == 1;
    }

    /** Marks revision {@code expectedRevision} deleted at {@code deleted}'s revision, pending its tombstone. */
    public boolean markDeleted(Connection deleted, long expectedRevision) {
        return mongo.replace(current(deleted.id(), expectedRevision), ConnectionDocument.of(deleted, true, true),
                COLLECTION).getMatchedCount() == 1;
    }

    /** Notes that the event of this revision is on Kafka, unless a newer revision is already waiting. */
    public void markPublished(String id, long revision) {
        mongo.updateFirst(query(where("_id").is(id).and("revision").is(revision)),
                Update.update("publishPending", false), COLLECTION);
    }

    /** Removes a deleted connection once its tombstone is on Kafka. */
    public void removeDeleted(String id, long revision) {
        mongo.remove(query(where("_id").is(id).and("revision").is(revision).and("deleted").is(true)), COLLECTION);
    }

    public List<PendingPublication> pendingPublications() {
        return mongo.find(query(where("publishPending").is(true)), ConnectionDocument.class, COLLECTION).stream()
                .map(document -> new PendingPublication(document.toConnection(), document.deleted()))
                .toList();
    }

    public long count(boolean enabled) {
        return mongo.count(query(where("deleted").is(false).and("enabled").is(enabled)), COLLECTION);
    }

    @Override
    public ReEncryptionResult reEncrypt(Secrets secrets) {
        int primary = secrets.cipher().primaryKeyId();
        ReEncryptionResult result = ReEncryptionResult.NONE;
        List<ConnectionDocument> stored = mongo.find(query(where("deleted").is(false).and("clientSecret.ciphertext")
                .exists(true)), ConnectionDocument.class, COLLECTION);
        for (ConnectionDocument document : stored) {
            EncryptedSecret old = new EncryptedSecret(document.clientSecret().ciphertext(), document.clientSecret().keyId());
            if (old.keyId() == primary) {
                result = result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            try {
                EncryptedSecret fresh = secrets.reEncrypt(old, Connection.clientSecretContext(document.id()));
                // Matched on revision and key: a secret changed meanwhile is already under the new key.
                mongo.updateFirst(query(where("_id").is(document.id()).and("revision").is(document.revision())
                        .and("clientSecret.keyId").is(old.keyId())),
                        new Update().set("clientSecret.ciphertext", fresh.ciphertext()).set("clientSecret.keyId",
                                fresh.keyId()), COLLECTION);
                result = result.plus(new ReEncryptionResult(1, 0, 0));
            } catch (SecretDecryptionException e) {
                log.warn("Client secret of connection {} cannot be re-encrypted: {}", document.id(), e.getMessage());
                result = result.plus(new ReEncryptionResult(0, 0, 1));
            }
        }
        return result;
    }

    private static Query current(String id, long revision) {
        return query(where("_id").is(id).and("revision").is(revision).and("deleted").is(false));
    }
}
