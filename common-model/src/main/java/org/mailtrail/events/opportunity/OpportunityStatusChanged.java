package org.mailtrail.events.opportunity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/** An opportunity moved from one status to another; {@code closedAt} is set when it was won or lost. */
public record OpportunityStatusChanged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String opportunityId,
        OpportunityStatus previousStatus,
        OpportunityStatus status,
        Instant closedAt) implements Contract {

    public static final String TYPE = "org.mailtrail.opportunity.OpportunityStatusChanged.v1";

    public OpportunityStatusChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(previousStatus, "previousStatus");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String aggregateId() {
        return opportunityId;
    }
}
