package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * The link to an interaction's mail changed: the mail was archived and has a fresh link, or it
 * could not be archived and no link exists any more.
 *
 * @param webLink the new link, absent when none exists
 * @param linkNote why no link exists, present exactly when {@code webLink} is absent
 */
public record InteractionMessageLinkChanged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String webLink,
        String linkNote) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionMessageLinkChanged.v1";

    public InteractionMessageLinkChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        if ((webLink == null) == (linkNote == null)) {
            throw new IllegalArgumentException("exactly one of webLink and linkNote must be given");
        }
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
