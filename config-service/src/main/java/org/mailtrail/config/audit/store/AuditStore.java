package org.mailtrail.config.audit.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;

import org.mailtrail.config.audit.domain.AuditEntry;
import org.mailtrail.platform.web.Cursor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The {@code audit} collection; entries are only ever added. */
@Repository
public class AuditStore implements SmartInitializingSingleton {

    static final String COLLECTION = "audit";

    private final MongoTemplate mongo;

    public AuditStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Once every bean exists: a service that cannot start (no master key) never waits for MongoDB first. */
    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("connectionId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC));
    }

    public void insert(AuditEntry entry) {
        mongo.insert(entry, COLLECTION);
    }

    public List<AuditEntry> newestFirst(String connectionId, Cursor after, int limit) {
        Query query = new Query();
        if (connectionId != null && !connectionId.isBlank()) {
            query.addCriteria(where("connectionId").is(connectionId));
        }
        if (after != null) {
            query.addCriteria(new Criteria().orOperator(where("at").lt(after.at()),
                    where("at").is(after.at()).and("_id").lt(after.id())));
        }
        query.with(Sort.by(Sort.Direction.DESC, "at", "_id")).limit(limit);
        return mongo.find(query, AuditEntry.class, COLLECTION);
    }
}
