package org.mailtrail.events.interaction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * One entry of the interaction log: a mail between one salesperson and one contact. The
 * interactionId is derived from (mail, contact, salesperson), so a repeated mail never creates a
 * second entry. Keyed by contactId, so a contact's entries stay in order.
 *
 * @param interactionAt when it happened: sentDateTime for outbound mail, receivedDateTime for inbound
 * @param description the mail's subject, kept whole
 * @param contactAddress the address of the mail that matched the contact
 * @param webLink opens the archived mail; absent until the mail is archived, or when it could not be
 */
public record InteractionLogged(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String interactionId,
        String contactId,
        String companyId,
        String salespersonCode,
        String connectionId,
        String internetMessageId,
        String conversationId,
        Direction direction,
        Instant interactionAt,
        String description,
        MatchedBy matchedBy,
        String contactAddress,
        boolean hasAttachments,
        String webLink) implements Contract {

    public static final String TYPE = "org.mailtrail.interaction.InteractionLogged.v1";

    public InteractionLogged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(salespersonCode, "salespersonCode");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(interactionAt, "interactionAt");
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
