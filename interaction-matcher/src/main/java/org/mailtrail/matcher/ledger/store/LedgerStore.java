package org.mailtrail.matcher.ledger.store;

import java.util.ArrayList;
import java.util.List;

import org.mailtrail.platform.web.Cursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The mails that went to the dead-letter topic, in {@code failedMails}. */
@Component
public class LedgerStore {

    private final MongoTemplate mongo;

    public LedgerStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(FailedMail.class).createIndex(new Index().named("connection_latest_first")
                .on("connectionId", Sort.Direction.ASC).on("failedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC));
    }

    /** Idempotent: a dead letter read twice is recorded once. */
    public void recordFailure(FailedMail failure) {
        mongo.save(failure);
    }

    /** The failures of every connection, or of the one named. */
    public List<FailedMail> failures(String connectionId) {
        Query query = connectionId == null ? new Query() : Query.query(Criteria.where("connectionId").is(connectionId));
        return mongo.find(query, FailedMail.class);
    }

    /** Up to {@code limit} failures of a connection strictly after the cursor's, the latest first. */
    public List<FailedMail> failures(String connectionId, Cursor after, int limit) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("connectionId").is(connectionId)));
        if (after != null) {
            criteria.add(new Criteria().orOperator(Criteria.where("failedAt").lt(after.at()),
                    new Criteria().andOperator(Criteria.where("failedAt").is(after.at()),
                            Criteria.where("_id").lt(after.id()))));
        }
        Query query = Query.query(new Criteria().andOperator(criteria))
                .with(Sort.by(Sort.Direction.DESC, "failedAt", "_id")).limit(limit);
        return mongo.find(query, FailedMail.class);
    }
}
