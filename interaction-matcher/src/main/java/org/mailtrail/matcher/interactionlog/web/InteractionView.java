package org.mailtrail.matcher.interactionlog.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.matcher.interactionlog.domain.InitiatedBy;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.MailSource;

/**
 * One interaction as the API shows it.
 *
 * @param description the mail's subject, whole
 * @param matchedBy how the contact was found from {@code contactAddress}
 * @param sharedWith other contacts with the same address, which lost the deterministic tie
 * @param webLink the archived mail's link in Outlook on the web as last reported ({@code messageUrl} gets a fresh
 *        one); only ever an http(s) link: an IMAP mail's {@code imap:} URL is no link a browser opens, so it is absent
 * @param linkNote present when no link exists (the mail could not be archived)
 * @param messageUrl opens the mail: redirects to it in Outlook on the web, or, for an {@code openable} mail, answers
 *        its content
 * @param openable whether the mail is read from an IMAP server, so that {@code messageUrl} answers its content
 *        (headers, text, sanitised HTML, the attachments listed) instead of redirecting
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
        boolean loggedLate,
        boolean openable) {

    static InteractionView of(Interaction interaction, MailSource source) {
        Interaction.Mail mail = interaction.mail();
        var pair = interaction.pair();
        return new InteractionView(interaction.id(), mail.connectionId(), pair.contactId(), pair.contactName(),
                pair.companyId(), pair.companyName(), pair.salespersonCode(), pair.salespersonName(), mail.direction(),
                interaction.initiatedBy(), mail.interactionAt(), mail.subject(), pair.matchedBy(),
                pair.contactAddress(), pair.sharedWith(), mail.conversationId(), mail.internetMessageId(),
                mail.hasAttachments(), webLinkOf(interaction), interaction.link().linkNote(),
                interaction.opportunity().opportunityId(), interaction.opportunity().opportunityNumber(),
                interaction.loggedAt(), "/api/interactions/" + interaction.id() + "/message",
                interaction.opportunity().linkedBy(), interaction.loggedLate(), source == MailSource.IMAP);
    }

    private static String webLinkOf(Interaction interaction) {
        String link = interaction.link().webLink();
        return MailSource.isWebLink(link) ? link : null;
    }
}
