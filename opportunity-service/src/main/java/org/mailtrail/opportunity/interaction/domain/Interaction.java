package org.mailtrail.opportunity.interaction.domain;

import java.time.Instant;

import org.mailtrail.events.interaction.Direction;

/**
 * One entry of the interaction log, as projected here. Its id is the matcher's interactionId.
 *
 * @param description the mail's subject, which a promoted opportunity takes unless told otherwise
 * @param opportunityId set once the matcher reports the entry linked to an opportunity (its own, or its
 *        conversation's), cleared when a sales manager takes it away from that opportunity again
 */
public record Interaction(
        String id,
        String contactId,
        String companyId,
        String salespersonCode,
        String connectionId,
        String internetMessageId,
        Direction direction,
        Instant interactionAt,
        String description,
        String webLink,
        String opportunityId,
        String opportunityNumber,
        Instant loggedAt) {
}
