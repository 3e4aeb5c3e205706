package org.mailtrail.ingestor.connection.store;

import org.bson.Document;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The writes of a connection's state that only the instance holding the connection's lease makes (delta state,
 * subscription, pending commands and their records). Each document records in {@code epoch} the epoch of the lease
 * it was last written under; a write under a lower epoch than the stored one is refused with
 * {@link StaleOwnerException} and counted ({@code mailtrail.stale.writes.refused}). The condition is part of the
 * write's filter ({@code epoch} not above the writer's), so checking and writing are one atomic operation; a
 * document without {@code epoch} (written before fencing, or by a consumer that is not the owner) takes any writer.
 * A new owner {@link #claim claims} a connection's documents when it starts, so that the instance it took over from
 * is refused from then on, not only once the new owner happens to write the same document.
 */
@Component
public class FencedWrites {

    public static final String EPOCH = "epoch";

    private static final Logger log = LoggerFactory.getLogger(FencedWrites.class);

    private final MongoTemplate mongo;
    private final MeterRegistry registry;

    public FencedWrites(MongoTemplate mongo, MeterRegistry registry) {
        this.mongo = mongo;
        this.registry = registry;
    }

    /**
     * Replaces the document {@code target} names with {@code document}, which carries the owner's epoch, or inserts
     * it: as {@code MongoTemplate.save}, under the fence.
     */
    public <T> void replace(Criteria target, T document, Ownership owner) {
        try {
            mongo.replace(notNewer(target, owner), document, ReplaceOptions.replaceOptions().upsert());
        } catch (DuplicateKeyException e) {
            // The filter missed a stored document of the same id, and the upsert's insert met it.
            refuseIfNewer(target, document.getClass(), owner);
            throw e;
        }
    }

    /** Updates the document {@code target} names, stamping the owner's epoch; nothing when it is gone. */
    public void update(Criteria target, Update update, Class<?> type, Ownership owner) {
        UpdateResult result = mongo.updateFirst(notNewer(target, owner), update.set(EPOCH, owner.epoch()), type);
        if (result.getMatchedCount() == 0) {
            refuseIfNewer(target, type, owner);
        }
    }

    /** Removes the documents {@code target} names; nothing when they are gone. */
    public void remove(Criteria target, Class<?> type, Ownership owner) {
        DeleteResult result = mongo.remove(notNewer(target, owner), type);
        if (result.getDeletedCount() == 0) {
            refuseIfNewer(target, type, owner);
        }
    }

    /**
     * Stamps every document {@code target} names with the owner's epoch, as a new owner does when it starts: from
     * then on, the instance it took over from is refused. Refused itself when one carries a newer epoch already.
     */
    public void claim(Criteria target, Class<?> type, Ownership owner) {
        mongo.updateMulti(notNewer(target, owner), new Update().set(EPOCH, owner.epoch()), type);
        refuseIfNewer(target, type, owner);
    }

    private static Query notNewer(Criteria target, Ownership owner) {
        Document filter = new Document(target.getCriteriaObject());
        filter.append(EPOCH, new Document("$not", new Document("$gt", owner.epoch())));
        return new BasicQuery(filter);
    }

    private void refuseIfNewer(Criteria target, Class<?> type, Ownership owner) {
        Document filter = new Document(target.getCriteriaObject());
        filter.append(EPOCH, new Document("$gt", owner.epoch()));
        if (!mongo.exists(new BasicQuery(filter), type)) {
            return;
        }
        String collection = mongo.getCollectionName(type);
        Counter.builder("mailtrail.stale.writes.refused")
                .description("Writes of a connection's state refused because another instance wrote it under a newer lease epoch")
                .tag("collection", collection)
                .register(registry)
                .increment();
        log.warn("refused a write to {} of connection {} under lease epoch {}: another instance holds a newer one",
                collection, owner.connectionId(), owner.epoch());
        throw new StaleOwnerException(owner.connectionId(), owner.epoch(),
                "a write to " + collection + " was refused: another instance wrote it under a newer epoch");
    }
}
