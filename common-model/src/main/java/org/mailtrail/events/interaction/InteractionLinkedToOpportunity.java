package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/** An interaction was promoted: it now points to the opportunity created from it. */
public record InteractionLinkedToOpportunity(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String opportunityId,
        String opportunityNumber) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionLinkedToOpportunity.v1";

    public InteractionLinkedToOpportunity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(opportunityId, "opportunityId");
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
