package org.mailtrail.opportunity.opportunities.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The number series of opportunities, {@code OP-000001} onwards: one counter document incremented
 * atomically, so two instances never hand out the same number. A number drawn for an opportunity
 * that then turned out to exist already is not reused, so the series may have gaps.
 */
@Component
public class OpportunityNumbers {

    private static final String SERIES = "opportunity";

    @Document("counters")
    record Counter(@Id String id, long value) {
    }

    private final MongoTemplate mongo;

    OpportunityNumbers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public String next() {
        try {
            return format(increment());
        } catch (DuplicateKeyException e) {
            // Two first-ever increments raced to create the counter; the loser's retry increments it.
            return format(increment());
        }
    }

    static String format(long value) {
        return String.format("OP-%06d", value);
    }

    private long increment() {
        Counter counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(SERIES)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().returnNew(true).upsert(true),
                Counter.class);
        return counter.value();
    }
}
