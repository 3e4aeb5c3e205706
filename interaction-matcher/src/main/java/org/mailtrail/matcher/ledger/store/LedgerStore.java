package org.mailtrail.matcher.ledger.store;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The mails that went to the dead-letter topic, in {@code failedMails}. */
@Component
public class LedgerStore {

    private final MongoTemplate mongo;

    public LedgerStore(MongoTemplate mongo) {
        this.mongo = mongo;
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
}
