package org.mailtrail.config.connection.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionAlreadyExistsException;
import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.ReEncryptable;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
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
 * exactly one wins; MongoDB needs no transaction for that. Each write stores the records the change owes Kafka in
 * the document's outbox, in the same write, for the platform's {@link Outbox} to publish.
 */
@Repository
public class ConnectionStore implements ReEncryptable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);

    /** The collection, which carries an outbox. */
    public static final String COLLECTION = "connections";

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

    /**
     * Stores a new connection owing {@code owed}. A connection with its id makes this fail, a deleted one too until
     * subscribers have its tombstone.
     */
    public void insert(Connection connection, OutboxEntry owed) {
        ConnectionDocument document = ConnectionDocument.of(connection, false, List.of(owed));
        if (!tryInsert(document)) {
            throw new ConnectionAlreadyExistsException(connection.id());
        }
    }

    /**
     * Replaces revision {@code expectedRevision} with {@code next}, owing {@code owed}; false when that revision is
     * gone.
     */
    public boolean replace(Connection next, long expectedRevision, OutboxEntry owed) {
        return replace(next, expectedRevision, false, owed);
    }

    /**
     * Marks revision {@code expectedRevision} deleted at {@code deleted}'s revision, owing {@code tombstone}, whose
     * confirmation removes the document; false when that revision is gone.
     */
    public boolean markDeleted(Connection deleted, long expectedRevision, OutboxEntry tombstone) {
        return replace(deleted, expectedRevision, true, tombstone);
    }

    /**
     * The document is replaced as a whole, so it carries over what the revision it replaces still owes, the new
     * record after them. An entry confirmed between the read and the replace is carried over as well and sent
     * again, with the same id, which subscribers recognise.
     */
    private boolean replace(Connection next, long expectedRevision, boolean deleted, OutboxEntry owed) {
        ConnectionDocument current = mongo.findOne(current(next.id(), expectedRevision), ConnectionDocument.class,
                COLLECTION);
        if (current == null) {
            return false;
        }
        List<OutboxEntry> outbox = new ArrayList<>(current.outbox());
        outbox.add(owed);
        ConnectionDocument document = ConnectionDocument.of(next, deleted, outbox).keepingUnboundSecretOf(current);
        return mongo.replace(current(next.id(), expectedRevision), document, COLLECTION).getMatchedCount() == 1;
    }

    private boolean tryInsert(ConnectionDocument document) {
        try {
            mongo.insert(document, COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public long count(boolean enabled) {
        return mongo.count(query(where("deleted").is(false).and("enabled").is(enabled)), COLLECTION);
    }

    /**
     * Puts every client secret under the primary key, bound to its connection's tenant, app and authority, and every
     * IMAP password under it as well; a secret already so is left as it is.
     */
    @Override
    public ReEncryptionResult reEncrypt(Secrets secrets) {
        return reEncrypt(secrets, false).plus(reEncryptPasswords(secrets));
    }

    private ReEncryptionResult reEncryptPasswords(Secrets secrets) {
        int primary = secrets.cipher().primaryKeyId();
        ReEncryptionResult result = ReEncryptionResult.NONE;
        List<ConnectionDocument> stored = mongo.find(query(where("deleted").is(false).and("password.ciphertext")
                .exists(true)), ConnectionDocument.class, COLLECTION);
        for (ConnectionDocument document : stored) {
            ConnectionDocument.SecretDocument password = document.password();
            if (password.keyId() == primary) {
                result = result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            EncryptedSecret old = new EncryptedSecret(password.ciphertext(), password.keyId());
            Connection connection = document.toConnection();
            try {
                EncryptedSecret fresh = secrets.reEncrypt(old, connection.passwordContext());
                // Matched on revision: a password changed meanwhile is under the new key already.
                mongo.updateFirst(query(where("_id").is(document.id()).and("revision").is(document.revision())
                        .and("password.keyId").is(old.keyId())),
                        new Update().set("password.ciphertext", fresh.ciphertext()).set("password.keyId", fresh.keyId()),
                        COLLECTION);
                result = result.plus(new ReEncryptionResult(1, 0, 0));
            } catch (SecretDecryptionException e) {
                log.warn("IMAP password of connection {} cannot be re-encrypted: {}", document.id(), e.getMessage());
                result = result.plus(new ReEncryptionResult(0, 0, 1));
            }
        }
        return result;
    }

    /**
     * Binds the client secrets stored before they were bound to their connection's tenant, app and authority
     * (under the primary key); the others are left alone and not counted.
     */
    public ReEncryptionResult bindUnboundSecrets(Secrets secrets) {
        return reEncrypt(secrets, true);
    }

    private ReEncryptionResult reEncrypt(Secrets secrets, boolean unboundOnly) {
        int primary = secrets.cipher().primaryKeyId();
        ReEncryptionResult result = ReEncryptionResult.NONE;
        List<ConnectionDocument> stored = mongo.find(query(where("deleted").is(false).and("clientSecret.ciphertext")
                .exists(true)), ConnectionDocument.class, COLLECTION);
        for (ConnectionDocument document : stored) {
            ConnectionDocument.SecretDocument secret = document.clientSecret();
            if (!secret.unbound() && (unboundOnly || secret.keyId() == primary)) {
                result = unboundOnly ? result : result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            EncryptedSecret old = new EncryptedSecret(secret.ciphertext(), secret.keyId());
            Connection connection = document.toConnection();
            String was = secret.unbound() ? Connection.unboundClientSecretContext(document.id())
                    : connection.clientSecretContext();
            try {
                EncryptedSecret fresh = secrets.reEncrypt(old, was, connection.clientSecretContext());
                // Matched on revision: a secret changed meanwhile is already bound, under the new key.
                mongo.updateFirst(query(where("_id").is(document.id()).and("revision").is(document.revision())
                        .and("clientSecret.keyId").is(old.keyId())),
                        new Update().set("clientSecret.ciphertext", fresh.ciphertext()).set("clientSecret.keyId",
                                fresh.keyId()).set("clientSecret.bound", true), COLLECTION);
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

    /** The master keys of the stored client secrets and IMAP passwords of connections that are not deleted. */
    @Override
    public Set<Integer> keyIdsInUse() {
        Set<Integer> ids = new TreeSet<>();
        for (String secret : List.of("clientSecret", "password")) {
            ids.addAll(mongo.findDistinct(query(where("deleted").is(false).and(secret + ".ciphertext").exists(true)),
                    secret + ".keyId", COLLECTION, Integer.class));
        }
        return Set.copyOf(ids);
    }
}
