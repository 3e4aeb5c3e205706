package org.mailtrail.opportunity.promotion.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.promotion.domain.Promotion;
import org.mailtrail.opportunity.promotion.domain.PromotionStatus;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A promotion as stored: its fields under the names of {@link Promotion}'s components, and the
 * PromotionRejected that Kafka has not confirmed yet.
 *
 * @param outbox the PromotionRejected not yet confirmed by Kafka
 */
@Document(PromotionStore.COLLECTION)
@CompoundIndex(name = "interaction_status", def = "{'interactionId': 1, 'status': 1}")
@CompoundIndex(name = "waiting", def = "{'status': 1, 'waitUntil': 1}")
@CompoundIndex(name = "outbox", def = "{'outbox.writtenAt': 1}", sparse = true)
record PromotionDocument(
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
        List<OutboxEntry> outbox) {

    PromotionDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    Promotion toPromotion() {
        return new Promotion(id, interactionId, status, terms, requestedBy, idempotencyKey, fingerprint, requestedAt,
                waitUntil, opportunityId, opportunityNumber, reason, detail, completedAt);
    }
}
