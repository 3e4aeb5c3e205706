package org.mailtrail.opportunity.opportunities.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.opportunity.opportunities.domain.OpportunityChange;
import org.mailtrail.opportunity.opportunities.domain.OpportunityFilter;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.mailtrail.platform.web.Cursor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Opportunities in MongoDB, each with the events it owes Kafka in the same document. */
@Component
public class OpportunityStore {

    public static final String COLLECTION = "opportunities";

    private final MongoTemplate mongo;

    OpportunityStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Opportunity> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OpportunityDocument.class))
                .map(OpportunityDocument::toOpportunity);
    }

    /**
     * Inserts a new opportunity with the event of its creation, in one write.
     *
     * @return whether it was inserted; false when it or its interaction's opportunity is there already
     */
    public boolean insertIfAbsent(Opportunity opportunity, OutboxEntry created) {
        try {
            mongo.insert(OpportunityDocument.of(opportunity, List.of(created)));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Applies the change, with its events, if the opportunity is still at {@code version}, raising
     * the version by one.
     *
     * @return the opportunity after the change, or empty when it was at another version
     */
    public Optional<Opportunity> applyChange(String id, long version, OpportunityChange change) {
        Query current = Query.query(Criteria.where("_id").is(id).and("version").is(version));
        Update update = new Update();
        change.values().forEach(update::set);
        Outbox.append(update, change.events()).inc("version", 1L);
        return Optional.ofNullable(mongo.findAndModify(current, update, FindAndModifyOptions.options().returnNew(true),
                OpportunityDocument.class)).map(OpportunityDocument::toOpportunity);
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
        if (filter.visibleTo() != null) {
            criteria.add(Criteria.where("salespersonCode").in(filter.visibleTo()));
        }
        if (after != null) {
            criteria.add(new Criteria().orOperator(
                    Criteria.where("createdAt").lt(after.at()),
                    Criteria.where("createdAt").is(after.at()).and("_id").lt(after.id())));
        }
        Query query = new Query(criteria.isEmpty() ? new Criteria() : new Criteria().andOperator(criteria))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, OpportunityDocument.class).stream().map(OpportunityDocument::toOpportunity).toList();
    }
}
