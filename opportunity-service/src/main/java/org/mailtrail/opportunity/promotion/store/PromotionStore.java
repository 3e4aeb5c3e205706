package org.mailtrail.opportunity.promotion.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.promotion.domain.Promotion;
import org.mailtrail.opportunity.promotion.domain.PromotionStatus;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Promotions in MongoDB. A promotion is registered once per command id, whoever sees the command
 * first (the API or the consumer); its outcome is written only over PENDING, so every command has
 * exactly one outcome however many paths race to decide it.
 */
@Component
public class PromotionStore {

    public static final String COLLECTION = "promotions";

    private final MongoTemplate mongo;

    PromotionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Promotion> find(String commandId) {
        return Optional.ofNullable(mongo.findById(commandId, PromotionDocument.class))
                .map(PromotionDocument::toPromotion);
    }

    /** The promotion of this command: registered as PENDING now, or as it already is. */
    public Promotion register(PromoteInteraction command, OpportunityTerms terms, String fingerprint) {
        Update onInsert = new Update()
                .setOnInsert("interactionId", command.interactionId())
                .setOnInsert("status", PromotionStatus.PENDING)
                .setOnInsert("terms", terms)
                .setOnInsert("requestedBy", command.requestedBy())
                .setOnInsert("idempotencyKey", command.idempotencyKey())
                .setOnInsert("fingerprint", fingerprint)
                .setOnInsert("requestedAt", command.occurredAt());
        try {
            return upsert(command.eventId().toString(), onInsert);
        } catch (DuplicateKeyException e) {
            // Two first sightings raced to insert; the second upsert finds the first's document.
            return upsert(command.eventId().toString(), onInsert);
        }
    }

    /** Starts the wait for the interaction, once: a redelivered command does not extend it. */
    public void waitForInteraction(String commandId, Instant until) {
        mongo.updateFirst(pending(commandId).addCriteria(Criteria.where("waitUntil").is(null)),
                new Update().set("waitUntil", until), PromotionDocument.class);
    }

    /** @return whether this call decided the outcome (the promotion was still PENDING) */
    public boolean accept(String commandId, Opportunity opportunity, Instant at) {
        return decide(commandId, new Update()
                .set("status", PromotionStatus.ACCEPTED)
                .set("opportunityId", opportunity.id())
                .set("opportunityNumber", opportunity.number())
                .set("completedAt", at));
    }

    /**
     * Rejects the promotion, storing the PromotionRejected with the outcome.
     *
     * @return whether this call decided the outcome (the promotion was still PENDING)
     */
    public boolean reject(String commandId, RejectionReason reason, String detail, Instant at, OutboxEntry rejected) {
        return decide(commandId, Outbox.append(new Update()
                .set("status", PromotionStatus.REJECTED)
                .set("reason", reason)
                .set("detail", detail)
                .set("completedAt", at), rejected));
    }

    /** Every undecided promotion of an interaction. */
    public List<Promotion> pendingFor(String interactionId) {
        return mongo.find(Query.query(Criteria.where("interactionId").is(interactionId)
                .and("status").is(PromotionStatus.PENDING)), PromotionDocument.class).stream()
                .map(PromotionDocument::toPromotion).toList();
    }

    /** Promotions waiting for their interaction, those whose wait ends first first. */
    public List<Promotion> waiting(int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(PromotionStatus.PENDING).and("waitUntil").ne(null))
                .with(Sort.by("waitUntil")).limit(limit), PromotionDocument.class).stream()
                .map(PromotionDocument::toPromotion).toList();
    }

    private Promotion upsert(String commandId, Update onInsert) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(commandId)), onInsert,
                FindAndModifyOptions.options().upsert(true).returnNew(true), PromotionDocument.class).toPromotion();
    }

    private boolean decide(String commandId, Update outcome) {
        return mongo.findAndModify(pending(commandId), outcome, PromotionDocument.class) != null;
    }

    private static Query pending(String commandId) {
        return Query.query(Criteria.where("_id").is(commandId).and("status").is(PromotionStatus.PENDING));
    }
}
