package org.mailtrail.opportunity.promotion.web;

import java.time.Instant;

import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.opportunity.promotion.domain.Promotion;
import org.mailtrail.opportunity.promotion.domain.PromotionStatus;

/**
 * The status of a promotion command: PENDING, ACCEPTED with the opportunity, or REJECTED with the reason.
 *
 * @param requestedBy who asked, from the request's From header or the publishing service's command
 * @param opportunity the opportunity's URL, once accepted
 */
record PromotionView(
        String commandId,
        String interactionId,
        PromotionStatus status,
        String requestedBy,
        String opportunityId,
        String opportunityNumber,
        String opportunity,
        RejectionReason reason,
        String detail,
        Instant requestedAt,
        Instant completedAt) {

    static PromotionView of(Promotion p) {
        String opportunity = p.opportunityId() == null ? null : "/api/opportunities/" + p.opportunityId();
        return new PromotionView(p.id(), p.interactionId(), p.status(), p.requestedBy(), p.opportunityId(), p.opportunityNumber(),
                opportunity, p.reason(), p.detail(), p.requestedAt(), p.completedAt());
    }
}
