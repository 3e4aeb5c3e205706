package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * An interaction now points to an opportunity: the one created from it, or, for a later mail of a promoted
 * conversation with the same contact, the conversation's open opportunity.
 *
 * @param linkedBy why; absent (a record of an earlier version) means {@link OpportunityLinkSource#PROMOTION}
 */
public record InteractionLinkedToOpportunity(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String opportunityId,
        String opportunityNumber,
        OpportunityLinkSource linkedBy) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionLinkedToOpportunity.v1";

    public InteractionLinkedToOpportunity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(opportunityId, "opportunityId");
        linkedBy = linkedBy == null ? OpportunityLinkSource.PROMOTION : linkedBy;
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
