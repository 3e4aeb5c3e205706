package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;

/**
 * A sales opportunity. Its id is derived from the interaction it was promoted from, and that
 * interaction is unique across opportunities: one interaction never becomes two opportunities.
 *
 * @param number the human-readable number users quote, {@code OP-000001} onwards
 * @param sourceInteractionId the interaction it was promoted from
 * @param sourceInteractionIds every interaction it stands for (today: the one it was promoted from)
 * @param createdByCommand the PromoteInteraction that created it
 * @param version increases with every change; the ETag clients send back in If-Match
 */
public record Opportunity(
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
        String sourceInteractionId,
        List<String> sourceInteractionIds,
        String createdByCommand,
        long version) {

    public Opportunity {
        sourceInteractionIds = sourceInteractionIds == null ? List.of() : List.copyOf(sourceInteractionIds);
    }

    /** The opportunity as its OpportunityCreated describes it: the first version, not closed. */
    public static Opportunity createdBy(OpportunityCreated created) {
        Instant notClosed = null;
        return new Opportunity(created.opportunityId(), created.number(), created.description(),
                created.contactId(), created.companyId(), created.salespersonCode(), created.status(),
                created.salesCycleCode(), created.estimatedValue(), created.currency(), created.probability(),
                created.occurredAt(), notClosed, created.interactionId(), List.of(created.interactionId()),
                created.commandId().toString(), 0);
    }

    public boolean isClosed() {
        return StatusTransitions.isClosed(status);
    }

    /** The strong ETag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
