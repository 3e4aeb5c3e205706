package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.mailtrail.events.interaction.Direction;

/**
 * One entry of the interaction log: one mail between one salesperson and one contact.
 *
 * @param pair the contact and the salesperson, as the rules matched them
 * @param loggedAt when the mail was decided; the time of its InteractionLogged
 */
public record Interaction(String id, Mail mail, MatchedPair pair, InitiatedBy initiatedBy, Link link,
        OpportunityLink opportunity, Instant loggedAt) {

    /**
     * The mail an interaction stands for.
     *
     * @param messageKey the mail's record in the log, connectionId/internetMessageId
     * @param conversationKey what a timeline groups by: the mail's conversationId, or the mail itself when it has none
     * @param interactionAt sentDateTime for outbound mail, receivedDateTime for inbound
     * @param subject the mail's subject, whole: the interaction's description
     */
    public record Mail(String connectionId, String internetMessageId, String messageKey, String conversationId,
            String conversationKey, Direction direction, Instant interactionAt, String subject,
            boolean hasAttachments) {
    }

    /**
     * The link that opens the mail, once its disposition is known.
     *
     * @param linkNote why no link exists (the mail could not be archived)
     * @param linkCause the mail.archived.v1 event that last changed the link, which the change event's id derives from
     */
    public record Link(String webLink, String linkNote, String linkCause, Instant linkChangedAt) {

        /** Before the ingestor reported on the mail. */
        public static final Link NONE = new Link(null, null, null, null);
    }

    /** The opportunity created from the interaction. */
    public record OpportunityLink(String opportunityId, String opportunityNumber, Instant opportunityLinkedAt) {

        /** Not promoted (yet). */
        public static final OpportunityLink NONE = new OpportunityLink(null, null, null);
    }

    /** The interactions a decided mail makes: one per matched pair, none for a mail that is not logged. */
    public static List<Interaction> decided(ReceivedMail mail, MailDecision decision, Instant decidedAt) {
        String key = mail.key();
        Mail of = new Mail(mail.connectionId(), mail.internetMessageId(), key, mail.conversationId(),
                mail.conversationId() != null ? mail.conversationId() : key, decision.direction(),
                decision.interactionAt(), mail.subject(), mail.hasAttachments());
        return IntStream.range(0, decision.matches().size())
                .mapToObj(i -> new Interaction(decision.interactionIds().get(i), of, decision.matches().get(i),
                        InitiatedBy.of(decision.direction()), Link.NONE, OpportunityLink.NONE, decidedAt))
                .toList();
    }
}
