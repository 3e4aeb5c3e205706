package org.mailtrail.opportunity.promotion.domain;

import java.time.Instant;

import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;

/**
 * One PromoteInteraction command and what came of it; its id is the command's eventId, so a
 * repeated command finds the promotion its first delivery decided.
 *
 * @param fingerprint what the command asked for, to tell a retried request from a reused Idempotency-Key
 * @param requestedAt when the command was issued
 * @param waitUntil set when the command found no interaction: it is rejected if none arrives by then
 */
public record Promotion(
        String id,
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
        Instant completedAt) {

    public Promotion {
        terms = terms == null ? OpportunityTerms.NONE : terms;
    }
}
