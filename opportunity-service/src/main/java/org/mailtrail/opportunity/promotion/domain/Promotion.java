package org.mailtrail.opportunity.promotion.domain;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One PromoteInteraction command and what came of it; its id is the command's eventId, so a
 * repeated command finds the promotion its first delivery decided.
 *
 * @param fingerprint what the command asked for, to tell a retried request from a reused Idempotency-Key
 * @param requestedAt when the command was issued
 * @param waitUntil set when the command found no interaction: it is rejected if none arrives by then
 * @param unpublishedEvents the PromotionRejected not yet confirmed by Kafka
 */
@Document("promotions")
@CompoundIndex(name = "interaction_status", def = "{'interactionId': 1, 'status': 1}")
@CompoundIndex(name = "waiting", def = "{'status': 1, 'waitUntil': 1}")
@CompoundIndex(name = "unpublished_events", def = "{'unpublishedEvents.writtenAt': 1}", sparse = true)
public record Promotion(
        @Id String id,
        String interactionId,
        PromotionStatus status,
        OpportunityTerms terms,
        String requestedBy,
        String idempotencyKey,
        String fingerprint,
        Instant requestedAt,
        Instant waitUntil,
        String opportunityId,
        String opportunityNumber,
        RejectionReason reason,
        String detail,
        Instant completedAt,
        List<PendingEvent> unpublishedEvents) {

    public Promotion {
        terms = terms == null ? OpportunityTerms.NONE : terms;
        unpublishedEvents = unpublishedEvents == null ? List.of() : List.copyOf(unpublishedEvents);
    }
}
