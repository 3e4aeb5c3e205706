package org.mailtrail.events.opportunity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/** A PromoteInteraction was refused. Keyed by interactionId, as there is no opportunity. */
public record PromotionRejected(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        UUID commandId,
        RejectionReason reason,
        String detail) implements Contract {

    public static final String TYPE = "org.mailtrail.opportunity.PromotionRejected.v1";

    public PromotionRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String aggregateId() {
        return interactionId;
    }
}
