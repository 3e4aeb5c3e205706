package org.mailtrail.events.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * An opportunity was created from an interaction. The contact, company and salesperson are the
 * interaction's.
 *
 * @param number the human-readable, unique number users quote
 * @param commandId the PromoteInteraction that created it
 */
public record OpportunityCreated(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String opportunityId,
        String number,
        String interactionId,
        UUID commandId,
        String contactId,
        String companyId,
        String salespersonCode,
        String description,
        OpportunityStatus status,
        String salesCycleCode,
        BigDecimal estimatedValue,
        String currency,
        Integer probability) implements Contract {

    public static final String TYPE = "org.mailtrail.opportunity.OpportunityCreated.v1";

    public OpportunityCreated {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String aggregateId() {
        return opportunityId;
    }
}
