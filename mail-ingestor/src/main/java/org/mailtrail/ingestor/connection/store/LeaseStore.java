package org.mailtrail.ingestor.connection.store;

import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.mongodb.client.result.UpdateResult;

/**
 * One lease per connection: the instance that holds it runs the connection. A lease is taken when it is free
 * or expired and kept by renewing it; the unique id makes two instances' attempts exclusive.
 */
@Repository
public class LeaseStore {

    @Document("leases")
    record LeaseDocument(@Id String connectionId, String owner, Instant expiresAt) {
    }

    private final MongoTemplate mongo;

    public LeaseStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Takes or renews the lease; false while another instance holds it. */
    public boolean acquire(String connectionId, String owner, Instant now, Duration ttl) {
        Query mineOrFree = Query.query(Criteria.where("_id").is(connectionId)
                .orOperator(Criteria.where("owner").is(owner), Criteria.where("expiresAt").lt(now)));
        try {
            UpdateResult result = mongo.upsert(mineOrFree,
                    new Update().set("owner", owner).set("expiresAt", now.plus(ttl)), LeaseDocument.class);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    public void release(String connectionId, String owner) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId).and("owner").is(owner)), LeaseDocument.class);
    }

    public void releaseAll(String owner) {
        mongo.remove(Query.query(Criteria.where("owner").is(owner)), LeaseDocument.class);
    }
}
