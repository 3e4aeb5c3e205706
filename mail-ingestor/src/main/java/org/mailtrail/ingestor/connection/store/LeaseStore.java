package org.mailtrail.ingestor.connection.store;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One lease per connection: the instance that holds it runs the connection. A lease is taken when it is free
 * or expired and kept by renewing it; the unique id makes two instances' attempts exclusive.
 *
 * <p>Every time the lease is taken, rather than renewed by its holder, its {@code epoch} goes up by one, and the
 * connection's work carries the epoch it was taken at (see {@code FencedWrites}). A lease given up is not removed
 * but left expired without an owner, so that whoever takes it next, this instance included, gets a higher epoch than
 * any document written so far carries.
 */
@Repository
public class LeaseStore {

    static final String EPOCH = "epoch";

    /** {@code epoch} is absent from a lease written by a version before fencing; it counts as 0. */
    @Document("leases")
    record LeaseDocument(@Id String connectionId, String owner, Instant expiresAt, Long epoch) {
    }

    private final MongoTemplate mongo;

    public LeaseStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Renews the lease, or takes it when it is free or expired; answers its epoch, or nothing while another
     * instance holds it. A renewal keeps the epoch, a take raises it.
     */
    public OptionalLong acquire(String connectionId, String owner, Instant now, Duration ttl) {
        Instant until = now.plus(ttl);
        FindAndModifyOptions returnNew = FindAndModifyOptions.options().returnNew(true);
        LeaseDocument renewed = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(connectionId).and("owner").is(owner)),
                new Update().set("expiresAt", until), returnNew, LeaseDocument.class);
        if (renewed != null) {
            return OptionalLong.of(epochOf(renewed));
        }
        try {
            // Absent, it is made with epoch 1; held by another and not expired, the upsert's insert of the same id
            // is refused by the unique id.
            LeaseDocument taken = mongo.findAndModify(
                    Query.query(Criteria.where("_id").is(connectionId).and("expiresAt").lt(now)),
                    new Update().set("owner", owner).set("expiresAt", until).inc(EPOCH, 1L),
                    FindAndModifyOptions.options().returnNew(true).upsert(true), LeaseDocument.class);
            return taken == null ? OptionalLong.empty() : OptionalLong.of(epochOf(taken));
        } catch (DuplicateKeyException heldByAnother) {
            return OptionalLong.empty();
        }
    }

    /** Gives the lease up, if this owner still holds it. */
    public void release(String connectionId, String owner) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(connectionId).and("owner").is(owner)), given(),
                LeaseDocument.class);
    }

    public void releaseAll(String owner) {
        mongo.updateMulti(Query.query(Criteria.where("owner").is(owner)), given(), LeaseDocument.class);
    }

    private static Update given() {
        return new Update().unset("owner").set("expiresAt", Instant.EPOCH);
    }

    private static long epochOf(LeaseDocument lease) {
        return lease.epoch() == null ? 0 : lease.epoch();
    }
}
