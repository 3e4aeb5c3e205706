package org.mailtrail.matcher.interactionlog.store;

import java.util.ArrayList;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Conversation;
import org.mailtrail.matcher.interactionlog.domain.FailedDisposition;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.InteractionFilter;
import org.mailtrail.matcher.interactionlog.domain.MailState;
import org.mailtrail.matcher.interactionlog.domain.Viewer;
import org.mailtrail.platform.web.Cursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads the log newest first. Paging is by position (time, then id) rather than by offset, so a
 * page stays correct while new interactions arrive; each query asks for one more than the page to
 * know whether another page follows.
 */
@Component
public class InteractionQueries {

    private final MongoTemplate mongo;

    public InteractionQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Interaction> find(InteractionFilter filter, Cursor after, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        equal(criteria, "contactId", filter.contactId());
        equal(criteria, "companyId", filter.companyId());
        equal(criteria, "salespersonCode", filter.salespersonCode());
        equal(criteria, "connectionId", filter.connectionId());
        criteria.addAll(visibleTo(filter.viewer()));
        if (filter.direction() != null) {
            criteria.add(Criteria.where("direction").is(filter.direction().name()));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("interactionAt").gte(filter.from()));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("interactionAt").lt(filter.to()));
        }
        if (after != null) {
            criteria.add(before("interactionAt", after));
        }
        Query query = new Query();
        if (!criteria.isEmpty()) {
            query.addCriteria(new Criteria().andOperator(criteria));
        }
        query.with(Sort.by(Sort.Direction.DESC, "interactionAt", "_id")).limit(limit + 1);
        return mongo.find(query, InteractionDocument.class).stream().map(InteractionDocument::toInteraction).toList();
    }

    /**
     * A contact's interactions grouped by conversation, the most recently active conversation first.
     * For a company contact the interactions of its persons count too, as on Business Central's
     * company card.
     */
    public List<Conversation> timeline(String contactId, Viewer viewer, Cursor after, int limit) {
        List<Criteria> criteria = new ArrayList<>(List.of(new Criteria().orOperator(
                Criteria.where("contactId").is(contactId), Criteria.where("companyId").is(contactId))));
        criteria.addAll(visibleTo(viewer));
        List<AggregationOperation> stages = new ArrayList<>(List.of(
                Aggregation.match(new Criteria().andOperator(criteria)),
                Aggregation.sort(Sort.by(Sort.Direction.DESC, "interactionAt", "_id")),
                Aggregation.group("conversationKey").max("interactionAt").as("lastAt").min("interactionAt")
                        .as("firstAt").count().as("count").first("subject").as("subject").push(Aggregation.ROOT)
                        .as("interactions")));
        if (after != null) {
            stages.add(Aggregation.match(before("lastAt", after)));
        }
        stages.add(Aggregation.sort(Sort.by(Sort.Direction.DESC, "lastAt", "_id")));
        stages.add(Aggregation.limit(limit + 1));
        return mongo.aggregate(Aggregation.newAggregation(stages), InteractionDocument.COLLECTION, ConversationGroup.class)
                .getMappedResults().stream().map(ConversationGroup::toConversation).toList();
    }

    /** A connection's mails whose disposition failed, the latest report first. */
    public List<FailedDisposition> failedDispositions(String connectionId, Cursor after, int limit) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("connectionId").is(connectionId),
                Criteria.where("state").is(MailState.FAILED.name())));
        if (after != null) {
            criteria.add(before("updatedAt", after));
        }
        Query query = Query.query(new Criteria().andOperator(criteria))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt", "_id")).limit(limit + 1);
        return mongo.find(query, MessageDocument.class).stream()
                .map(message -> new FailedDisposition(message.id(), message.mail().internetMessageId(),
                        message.decision().disposition(), message.filing().stateReason(), message.updatedAt()))
                .toList();
    }

    /** Nothing for a viewer who is no salesperson; only its own for one who is. */
    private static List<Criteria> visibleTo(Viewer viewer) {
        return viewer.all() ? List.of() : List.of(Criteria.where("salespersonCode").in(viewer.salespersonCodes()));
    }

    /** Strictly after the cursor's entry in newest-first order. */
    private static Criteria before(String timeField, Cursor cursor) {
        return new Criteria().orOperator(Criteria.where(timeField).lt(cursor.at()),
                new Criteria().andOperator(Criteria.where(timeField).is(cursor.at()), Criteria.where("_id").lt(cursor.id())));
    }

    private static void equal(List<Criteria> criteria, String field, String value) {
        if (value != null && !value.isBlank()) {
            criteria.add(Criteria.where(field).is(value));
        }
    }
}
