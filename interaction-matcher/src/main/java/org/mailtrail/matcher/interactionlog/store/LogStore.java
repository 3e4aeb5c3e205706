package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.MailboxReport;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
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

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;

/**
 * Writes to the log. Every write is idempotent: inserts are keyed by deterministic ids, updates
 * only change what differs, and a change stores the event it owes in its document's outbox in the
 * same write.
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

    /**
     * Inserts the decisions about a batch of mails, together; the ids of those inserted, the others being stored
     * already (the first decision stands). Each of the batch's ids must be distinct.
     */
    public Set<String> insertMessages(List<MessageDocument> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        List<Document> documents = new ArrayList<>(messages.size());
        for (MessageDocument message : messages) {
            Document document = new Document();
            mongo.getConverter().write(message, document);
            documents.add(document);
        }
        Set<Integer> refused = new HashSet<>();
        try {
            mongo.getCollection(MessageDocument.COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw translated(e);
                }
                refused.add(error.getIndex());
            }
        } catch (RuntimeException e) {
            throw translated(e);
        }
        Set<String> inserted = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!refused.contains(i)) {
                inserted.add(messages.get(i).id());
            }
        }
        return inserted;
    }

    /** A driver's exception as Spring's, so that an outage reads as one wherever it is told apart. */
    private RuntimeException translated(RuntimeException e) {
        RuntimeException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(e);
        return translated == null ? e : translated;
    }

    /**
     * {@link #queueDisposition} for several mails decided and inserted just now, whose dispositions cannot be queued
     * yet, in one write: message id → its disposition.
     */
    public void queueDispositions(Map<String, OutboxEntry> dispositions, Instant at) {
        if (dispositions.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, MessageDocument.class);
        dispositions.forEach((id, disposition) -> bulk.updateOne(byId(id),
                Outbox.append(new Update().set("dispositionQueuedAt", at), disposition)));
        bulk.execute();
    }

    /**
     * Puts the mail's one disposition into its outbox, with the time it was queued, unless the message
     * shows it was queued before: a repeat after a crash adds nothing, and what was already published
     * is not owed again.
     */
    public void queueDisposition(MessageDocument message, OutboxEntry disposition, Instant at) {
        if (message.dispositionQueuedAt() == null) {
            // By id alone, as every write of the log: the mail's records are written by the one consumer of its
            // partition, and a filter beyond the id makes a store without secondary indexes read every message.
            mongo.updateFirst(byId(message.id()), Outbox.append(new Update().set("dispositionQueuedAt", at), disposition),
                    MessageDocument.class);
        }
    }

    /** Inserts the interactions of a mail decided just now, which cannot exist yet. */
    public void insertInteractions(List<InteractionDocument> interactions) {
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

    public Optional<Interaction> findInteraction(String id) {
        return Optional.ofNullable(mongo.findById(id, InteractionDocument.class)).map(InteractionDocument::toInteraction);
    }

    /** The further copies of a mail, by the ids its first copy lists. */
    public List<MessageDocument> findCopies(MessageDocument first) {
        if (first.copyIds().isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(first.copyIds())), MessageDocument.class);
    }

    /** Notes on the first copy of a mail that a further copy was received; idempotent. */
    public void addCopy(String firstId, String copyId) {
        mongo.updateFirst(byId(firstId), new Update().addToSet("copyIds", copyId), MessageDocument.class);
    }

    /**
     * Replaces a copy's record with a new decision about it, unless the record changed since it was read (another
     * decision, or a report from the ingestor): false then, and the caller reads it again.
     */
    public boolean replaceIfUnchanged(MessageDocument read, MessageDocument decidedAgain) {
        Criteria unchanged = Criteria.where("_id").is(read.id()).and("revision").is(read.revision());
        unchanged = read.updatedAt() == null ? unchanged.and("updatedAt").exists(false)
                : unchanged.and("updatedAt").is(read.updatedAt());
        return mongo.findAndReplace(Query.query(unchanged), decidedAgain) != null;
    }

    /** Records what the ingestor did with a mail; empty when the mail was never matched here. */
    public Optional<MessageDocument> recordReport(String key, MailboxReport report, Instant at) {
        Update update = new Update().set("state", report.state().name()).set("stateReason", report.reason())
                .set("updatedAt", at).set("linkNote", report.linkNote());
        if (report.replacesLink()) {
            update.set("webLink", report.webLink());
        }
        if (report.folder() != null) {
            update.set("folder", report.folder());
        }
        if (report.immutableId() != null) {
            update.set("immutableId", report.immutableId());
        }
        if (report.messageId() != null) {
            update.set("messageId", report.messageId());
        }
        return Optional.ofNullable(mongo.findAndModify(byId(key), update, FindAndModifyOptions.options().returnNew(true),
                MessageDocument.class));
    }

    /**
     * Gives interactions a new link (or a note that none exists), each only where it differs from
     * what it has and the change is not owed yet, together with the change event it then owes.
     *
     * @param owed each interaction's id and the event a change of its link owes
     */
    public void changeLinks(Interaction.Link link, Map<String, OutboxEntry> owed) {
        if (owed.isEmpty()) {
            return;
        }
        // Read, then written by id: the mail's outcomes come from its one partition in order, and a filter beyond
        // the id makes a store without secondary indexes read every interaction.
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, InteractionDocument.class);
        int changes = 0;
        for (InteractionDocument current : mongo.find(Query.query(Criteria.where("_id").in(owed.keySet())),
                InteractionDocument.class)) {
            OutboxEntry change = owed.get(current.id());
            boolean differs = !Objects.equals(current.link().webLink(), link.webLink())
                    || !Objects.equals(current.link().linkNote(), link.linkNote());
            if (differs && !owes(current.outbox(), change.eventId())) {
                bulk.updateOne(byId(current.id()), Outbox.append(new Update().set("webLink", link.webLink())
                        .set("linkNote", link.linkNote()).set("linkCause", link.linkCause())
                        .set("linkChangedAt", link.linkChangedAt()), change));
                changes++;
            }
        }
        if (changes > 0) {
            bulk.execute();
        }
    }

    /**
     * Points an interaction to an opportunity, once per opportunity, together with the event that owes; not to one a
     * sales manager took it away from, and a conversation's link never replaces a link the interaction has.
     *
     * @return whether the interaction points to that opportunity now
     */
    public boolean linkOpportunity(String interactionId, Interaction.OpportunityLink link, OutboxEntry linked) {
        InteractionDocument current = mongo.findById(interactionId, InteractionDocument.class);
        if (current == null || current.unlinkedOpportunities().contains(link.opportunityId())) {
            return false;
        }
        if (Objects.equals(current.opportunity().opportunityId(), link.opportunityId())
                || owes(current.outbox(), linked.eventId())) {
            return true;
        }
        if (link.linkedBy() == OpportunityLinkSource.CONVERSATION && current.opportunity().opportunityId() != null) {
            return false;
        }
        mongo.updateFirst(byId(interactionId), Outbox.append(new Update().set("opportunityId", link.opportunityId())
                .set("opportunityNumber", link.opportunityNumber())
                .set("opportunityLinkedAt", link.opportunityLinkedAt())
                .set("opportunityLinkedBy", link.linkedBy()), linked), InteractionDocument.class);
        return true;
    }

    /**
     * Takes an interaction away from its opportunity for good, together with the event that owes; false when it no
     * longer points to that opportunity.
     */
    public boolean unlinkOpportunity(String interactionId, String opportunityId, OutboxEntry unlinked) {
        Query linked = Query.query(Criteria.where("_id").is(interactionId).and("opportunityId").is(opportunityId));
        Update update = Outbox.append(new Update().unset("opportunityId").unset("opportunityNumber")
                .unset("opportunityLinkedAt").unset("opportunityLinkedBy")
                .addToSet("unlinkedOpportunities", opportunityId), unlinked);
        return mongo.updateFirst(linked, update, InteractionDocument.class).getModifiedCount() > 0;
    }

    private static boolean owes(List<OutboxEntry> outbox, String eventId) {
        return outbox.stream().anyMatch(entry -> entry.eventId().equals(eventId));
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
        mongo.indexOps(MessageDocument.class).createIndex(new Index().named("connection_state_latest_first")
                .on("connectionId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                .on("updatedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
