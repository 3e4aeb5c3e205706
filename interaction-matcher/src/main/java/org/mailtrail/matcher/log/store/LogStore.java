package org.mailtrail.matcher.log.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.mailtrail.matcher.log.domain.MailState;
import org.mailtrail.matcher.log.domain.Pending;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes to the log. Every write is idempotent: inserts are keyed by deterministic ids, updates
 * only change what differs, and a change always marks the event it owes in the same write.
 */
@Component
public class LogStore {

    private final MongoTemplate mongo;

    public LogStore(MongoTemplate mongo) {
        this.mongo = mongo;
        createIndexes();
    }

    public Optional<MessageDocument> findMessage(String key) {
        return Optional.ofNullable(mongo.findById(key, MessageDocument.class));
    }

    /** Inserts the decision about a mail; false when one is already stored (the first decision stands). */
    public boolean insertMessage(MessageDocument message) {
        try {
            mongo.insert(message);
            return true;
        } catch (DuplicateKeyException alreadyDecided) {
            return false;
        }
    }

    /** Inserts the interactions of a mail decided just now, which cannot exist yet. */
    public void insertAll(List<InteractionDocument> interactions) {
        if (!interactions.isEmpty()) {
            mongo.insert(interactions, InteractionDocument.class);
        }
    }

    /** Inserts the interactions that are not stored yet and leaves the others exactly as they are. */
    public void insertMissing(List<InteractionDocument> interactions) {
        if (interactions.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, InteractionDocument.class);
        for (InteractionDocument interaction : interactions) {
            Document fields = new Document();
            mongo.getConverter().write(interaction, fields);
            Update insertOnly = new Update();
            fields.forEach((name, value) -> {
                if (!"_id".equals(name) && !"_class".equals(name)) {
                    insertOnly.setOnInsert(name, value);
                }
            });
            bulk.upsert(byId(interaction.id()), insertOnly);
        }
        bulk.execute();
    }

    public Optional<InteractionDocument> findInteraction(String id) {
        return Optional.ofNullable(mongo.findById(id, InteractionDocument.class));
    }

    /** The interactions among {@code ids} that still owe the given event. */
    public List<InteractionDocument> owing(List<String> ids, Pending kind) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("pending").is(kind.name())),
                InteractionDocument.class);
    }

    /** Marks the event as published; called only after the broker confirmed it. */
    public <D> void settle(Class<D> documentType, List<String> ids, Pending kind) {
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().pull("pending", kind.name()),
                    documentType);
        }
    }

    /**
     * Records what the ingestor did with a mail; empty when the mail was never matched here.
     *
     * @param webLink the new link, or {@code null} when none exists (the Inbox link is then kept only
     *        while the mail has not moved)
     */
    public Optional<MessageDocument> recordState(String key, MailState state, String reason, String webLink,
            String linkNote, String folder, String immutableId, String messageId, Instant at) {
        Update update = new Update().set("state", state.name()).set("stateReason", reason).set("updatedAt", at)
                .set("linkNote", linkNote);
        if (webLink != null || state != MailState.FAILED) {
            update.set("webLink", webLink);
        }
        if (folder != null) {
            update.set("folder", folder);
        }
        if (immutableId != null) {
            update.set("immutableId", immutableId);
        }
        if (messageId != null) {
            update.set("messageId", messageId);
        }
        return Optional.ofNullable(mongo.findAndModify(byId(key), update, FindAndModifyOptions.options().returnNew(true),
                MessageDocument.class));
    }

    /**
     * Gives the interactions a new link (or a note that none exists), each only where it differs
     * from what it has, and marks the change event as owed.
     */
    public void changeLinks(List<String> ids, String webLink, String linkNote, String cause, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        Criteria differs = new Criteria().orOperator(Criteria.where("webLink").ne(webLink),
                Criteria.where("linkNote").ne(linkNote));
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)).addCriteria(differs),
                new Update().set("webLink", webLink).set("linkNote", linkNote).set("linkCause", cause)
                        .set("linkChangedAt", at).addToSet("pending", Pending.LINK.name()),
                InteractionDocument.class);
    }

    /** Points the interaction to its opportunity (once per opportunity) and marks the link event as owed. */
    public Optional<InteractionDocument> linkOpportunity(String interactionId, String opportunityId, String number,
            Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(interactionId).and("opportunityId").ne(opportunityId)),
                new Update().set("opportunityId", opportunityId).set("opportunityNumber", number)
                        .set("opportunityLinkedAt", at).addToSet("pending", Pending.OPPORTUNITY.name()),
                InteractionDocument.class);
        return findInteraction(interactionId);
    }

    private void createIndexes() {
        IndexOperations interactions = mongo.indexOps(InteractionDocument.class);
        // The deterministic _id already makes an interaction unique; this says so in the schema's own terms.
        interactions.createIndex(new Index().named("one_per_mail_contact_salesperson").unique()
                .on("connectionId", Sort.Direction.ASC).on("internetMessageId", Sort.Direction.ASC)
                .on("contactId", Sort.Direction.ASC).on("salespersonCode", Sort.Direction.ASC));
        for (String field : List.of("contactId", "companyId", "salespersonCode", "connectionId")) {
            interactions.createIndex(new Index().named(field + "_newest_first").on(field, Sort.Direction.ASC)
                    .on("interactionAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC));
        }
        interactions.createIndex(new Index().named("newest_first").on("interactionAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC));
        mongo.indexOps(MessageDocument.class).createIndex(new Index().named("connection_outcome")
                .on("connectionId", Sort.Direction.ASC).on("outcome", Sort.Direction.ASC));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
