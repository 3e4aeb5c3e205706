package org.mailtrail.matcher.interactionlog.store;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Promoted conversations, in {@code opportunityThreads}; every write is idempotent. */
@Component
public class OpportunityThreadStore {

    private final MongoTemplate mongo;

    public OpportunityThreadStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(OpportunityThreadDocument.class).createIndex(new Index().named("open_by_contact")
                .on("contactId", Sort.Direction.ASC).on("open", Sort.Direction.ASC));
    }

    /** Starts an opportunity's thread, unless it exists: a repeat leaves it as it is, open or closed. */
    public void start(OpportunityThreadDocument thread) {
        Update update = new Update().setOnInsert("opportunityNumber", thread.opportunityNumber())
                .setOnInsert("contactId", thread.contactId()).setOnInsert("open", thread.open())
                .setOnInsert("createdAt", thread.createdAt())
                .addToSet("conversationIds").each(thread.conversationIds().toArray())
                .addToSet("messageIds").each(thread.messageIds().toArray());
        mongo.upsert(byId(thread.id()), update, OpportunityThreadDocument.class);
    }

    /** The threads of these contacts whose opportunity is open, the newest first. */
    public List<OpportunityThreadDocument> openFor(Collection<String> contactIds) {
        return mongo.find(Query.query(Criteria.where("contactId").in(contactIds).and("open").is(true))
                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")), OpportunityThreadDocument.class);
    }

    /** Adds a mail that joined the thread, so a reply to it finds the thread by its id. */
    public void addMessage(String opportunityId, String conversationId, String internetMessageId) {
        Update update = new Update().addToSet("messageIds", internetMessageId);
        if (conversationId != null) {
            update.addToSet("conversationIds", conversationId);
        }
        mongo.updateFirst(byId(opportunityId), update, OpportunityThreadDocument.class);
    }

    /**
     * Closes the thread of an opportunity won or lost; a status change that arrives before the thread started
     * leaves a closed thread, which the start then does not open.
     */
    public void close(String opportunityId) {
        mongo.upsert(byId(opportunityId), new Update().set("open", false), OpportunityThreadDocument.class);
    }

    /** Opens the thread again of an opportunity that is no longer won or lost. */
    public void reopen(String opportunityId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(opportunityId).and("contactId").exists(true)),
                new Update().set("open", true), OpportunityThreadDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
