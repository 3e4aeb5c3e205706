package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.OpportunityLinkSource;

/**
 * One entry of the interaction log: one mail between one salesperson and one contact.
 *
 * @param pair the contact and the salesperson, as the rules matched them
 * @param loggedAt when the mail was decided; the time of its InteractionLogged
 * @param loggedLate whether the mail was held first and logged once the directory knew its participants
 * @param unlinkedOpportunities opportunities a sales manager took this interaction away from; it is not linked to
 *        them again
 */
public record Interaction(String id, Mail mail, MatchedPair pair, InitiatedBy initiatedBy, Link link,
        OpportunityLink opportunity, Instant loggedAt, boolean loggedLate, List<String> unlinkedOpportunities) {

    public Interaction {
        unlinkedOpportunities = unlinkedOpportunities == null ? List.of() : List.copyOf(unlinkedOpportunities);
    }

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

    /**
     * The opportunity the interaction belongs to: the one created from it, or its conversation's.
     *
     * @param opportunityLinkedBy why it is linked; absent in a link stored before conversations were followed,
     *        which was a promotion
     */
    public record OpportunityLink(String opportunityId, String opportunityNumber, Instant opportunityLinkedAt,
            OpportunityLinkSource opportunityLinkedBy) {

        /** Not linked (yet). */
        public static final OpportunityLink NONE = new OpportunityLink(null, null, null, null);

        public OpportunityLinkSource linkedBy() {
            return opportunityId == null ? null
                    : opportunityLinkedBy == null ? OpportunityLinkSource.PROMOTION : opportunityLinkedBy;
        }
    }

    /** The interactions a decided mail makes: one per matched pair, none for a mail that is not logged. */
    public static List<Interaction> decided(ReceivedMail mail, MailDecision decision, Instant decidedAt,
            boolean late) {
        String key = mail.key();
        Mail of = new Mail(mail.connectionId(), mail.internetMessageId(), key, mail.conversationId(),
                mail.conversationId() != null ? mail.conversationId() : key, decision.direction(),
                decision.interactionAt(), mail.subject(), mail.hasAttachments());
        return IntStream.range(0, decision.matches().size())
                .mapToObj(i -> new Interaction(decision.interactionIds().get(i), of, decision.matches().get(i),
                        InitiatedBy.of(decision.direction()), Link.NONE, OpportunityLink.NONE, decidedAt, late,
                        List.of()))
                .toList();
    }
}
