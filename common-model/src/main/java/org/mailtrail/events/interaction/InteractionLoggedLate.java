package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * An interaction was logged late: its mail was held when it arrived, because the directory did not know one of
 * its participants yet, and was matched again once it did. Follows the interaction's {@link InteractionLogged},
 * which carries the interaction itself with its original time.
 *
 * @param heldSince when the mail was first decided and held
 * @param cause what matched it again: {@code DIRECTORY_CHANGE} or {@code REMATCH} (an administrator's re-run)
 */
public record InteractionLoggedLate(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String connectionId,
        String internetMessageId,
        Instant interactionAt,
        Instant heldSince,
        String cause) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionLoggedLate.v1";

    public InteractionLoggedLate {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
