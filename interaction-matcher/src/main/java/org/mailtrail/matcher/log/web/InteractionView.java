package org.mailtrail.matcher.log.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.matcher.log.domain.InitiatedBy;
import org.mailtrail.matcher.log.store.InteractionDocument;

/**
 * One interaction as the API shows it.
 *
 * @param description the mail's subject, whole
 * @param matchedBy how the contact was found from {@code contactAddress}
 * @param sharedWith other contacts with the same address, which lost the deterministic tie
 * @param webLink the archived mail's link as last reported; {@code messageUrl} gets a fresh one
 * @param linkNote present when no link exists (the mail could not be archived)
 * @param messageUrl redirects to the mail
 */
public record InteractionView(
        String id,
        String connectionId,
        String contactId,
        String contactName,
        String companyId,
        String companyName,
        String salespersonCode,
        String salespersonName,
        Direction direction,
        InitiatedBy initiatedBy,
        Instant interactionAt,
        String description,
        MatchedBy matchedBy,
        String contactAddress,
        List<String> sharedWith,
        String conversationId,
        String internetMessageId,
        boolean hasAttachments,
        String webLink,
        String linkNote,
        String opportunityId,
        String opportunityNumber,
        Instant loggedAt,
        String messageUrl) {

    static InteractionView of(InteractionDocument document) {
        return new InteractionView(document.id(), document.connectionId(), document.contactId(),
                document.contactName(), document.companyId(), document.companyName(), document.salespersonCode(),
                document.salespersonName(), document.direction(), document.initiatedBy(), document.interactionAt(),
                document.subject(), document.matchedBy(), document.contactAddress(), document.sharedWith(),
                document.conversationId(), document.internetMessageId(), document.hasAttachments(),
                document.webLink(), document.linkNote(), document.opportunityId(), document.opportunityNumber(),
                document.loggedAt(), "/api/interactions/" + document.id() + "/message");
    }
}
