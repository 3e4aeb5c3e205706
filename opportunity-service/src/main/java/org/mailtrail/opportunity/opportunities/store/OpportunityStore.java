package org.mailtrail.opportunity.opportunities.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.opportunity.opportunities.domain.OpportunityFilter;
import org.mailtrail.platform.web.Cursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Opportunities in MongoDB. */
@Component
public class OpportunityStore {

    public static final String COLLECTION = "opportunities";

    private final MongoTemplate mongo;

    OpportunityStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Opportunity> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Opportunity.class));
    }

    /** Inserts a new opportunity; a DuplicateKeyException says its interaction is already promoted. */
    public void insert(Opportunity opportunity) {
        mongo.insert(opportunity);
    }

    /**
     * Applies the update if the opportunity is still at {@code version}, raising the version by one.
     *
     * @return the opportunity after the update, or empty when it was at another version
     */
    public Optional<Opportunity> updateIfAt(String id, long version, Update update) {
        Query current = Query.query(Criteria.where("_id").is(id).and("version").is(version));
        return Optional.ofNullable(mongo.findAndModify(current, update.inc("version", 1L),
                FindAndModifyOptions.options().returnNew(true), Opportunity.class));
    }

    /** Up to {@code limit} opportunities, newest first, after the cursor's position when one is given. */
    public List<Opportunity> list(OpportunityFilter filter, Cursor after, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.contactId() != null) {
            criteria.add(Criteria.where("contactId").is(filter.contactId()));
        }
        if (filter.salespersonCode() != null) {
            criteria.add(Criteria.where("salespersonCode").is(filter.salespersonCode()));
        }
        if (filter.status() != null) {
            criteria.add(Criteria.where("status").is(filter.status()));
        }
        if (after != null) {
            criteria.add(new Criteria().orOperator(
                    Criteria.where("createdAt").lt(after.at()),
                    Criteria.where("createdAt").is(after.at()).and("_id").lt(after.id())));
        }
        Query query = new Query(criteria.isEmpty() ? new Criteria() : new Criteria().andOperator(criteria))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, Opportunity.class);
    }
}
