package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A sales manager took an interaction away from the opportunity it was linked to, e.g. a later mail of the
 * conversation that was linked automatically but belongs elsewhere. It is not linked to that opportunity again.
 *
 * @param unlinkedBy who unlinked it (the person's sign-in name)
 */
public record InteractionUnlinkedFromOpportunity(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String opportunityId,
        String unlinkedBy) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionUnlinkedFromOpportunity.v1";

    public InteractionUnlinkedFromOpportunity {
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
