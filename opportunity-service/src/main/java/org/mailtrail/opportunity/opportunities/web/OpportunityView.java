package org.mailtrail.opportunity.opportunities.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.opportunities.domain.Opportunity;

/** An opportunity as the API shows it. {@code version} is also sent as the ETag. */
record OpportunityView(
        String id,
        String number,
        String description,
        String contactId,
        String companyId,
        String salespersonCode,
        OpportunityStatus status,
        String salesCycleCode,
        BigDecimal estimatedValue,
        String currency,
        Integer probability,
        Instant createdAt,
        Instant closedAt,
        List<String> sourceInteractionIds,
        long version) {

    static OpportunityView of(Opportunity o) {
        return new OpportunityView(o.id(), o.number(), o.description(), o.contactId(), o.companyId(),
                o.salespersonCode(), o.status(), o.salesCycleCode(), o.estimatedValue(), o.currency(),
                o.probability(), o.createdAt(), o.closedAt(), o.sourceInteractionIds(), o.version());
    }
}
