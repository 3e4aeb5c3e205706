package org.mailtrail.matcher.interactionlog.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.matcher.interactionlog.domain.InitiatedBy;
import org.mailtrail.matcher.interactionlog.domain.Interaction;

/**
 * One interaction as the API shows it.
 *
 * @param description the mail's subject, whole
 * @param matchedBy how the contact was found from {@code contactAddress}
 * @param sharedWith other contacts with the same address, which lost the deterministic tie
 * @param webLink the archived mail's link as last reported; {@code messageUrl} gets a fresh one
 * @param linkNote present when no link exists (the mail could not be archived)
 * @param messageUrl redirects to the mail
 * @param opportunityLinkedBy why the interaction points to its opportunity: PROMOTION (created from it) or
 *        CONVERSATION (a later mail of the promoted conversation); absent when not linked
 * @param loggedLate whether the mail was held first and logged once the directory knew its participants
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
        String messageUrl,
        OpportunityLinkSource opportunityLinkedBy,
        boolean loggedLate) {

    static InteractionView of(Interaction interaction) {
        Interaction.Mail mail = interaction.mail();
        var pair = interaction.pair();
        return new InteractionView(interaction.id(), mail.connectionId(), pair.contactId(), pair.contactName(),
                pair.companyId(), pair.companyName(), pair.salespersonCode(), pair.salespersonName(), mail.direction(),
                interaction.initiatedBy(), mail.interactionAt(), mail.subject(), pair.matchedBy(),
                pair.contactAddress(), pair.sharedWith(), mail.conversationId(), mail.internetMessageId(),
                mail.hasAttachments(), interaction.link().webLink(), interaction.link().linkNote(),
                interaction.opportunity().opportunityId(), interaction.opportunity().opportunityNumber(),
                interaction.loggedAt(), "/api/interactions/" + interaction.id() + "/message",
                interaction.opportunity().linkedBy(), interaction.loggedLate());
    }
}
