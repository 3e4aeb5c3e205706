package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;

import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.mail.MailDispositionRequested;

/**
 * The events of the log, built from the change they report with the ids of {@link LogIds} and the
 * times the log stores: a change made again yields the same event, id and time included.
 */
public final class LogEvents {

    static final int SCHEMA_VERSION = 1;

    public static InteractionLogged logged(Interaction interaction) {
        Interaction.Mail mail = interaction.mail();
        MatchedPair pair = interaction.pair();
        return new InteractionLogged(LogIds.logged(interaction.id()), interaction.loggedAt(), SCHEMA_VERSION,
                interaction.id(), pair.contactId(), pair.companyId(), pair.salespersonCode(), mail.connectionId(),
                mail.internetMessageId(), mail.conversationId(), mail.direction(), mail.interactionAt(), mail.subject(),
                pair.matchedBy(), pair.contactAddress(), mail.hasAttachments(), null);
    }

    public static InteractionMessageLinkChanged linkChanged(String interactionId, String contactId,
            Interaction.Link link) {
        String note = link.webLink() == null && link.linkNote() == null ? LinkNotes.NO_LINK : link.linkNote();
        return new InteractionMessageLinkChanged(LogIds.linkChanged(interactionId, link.linkCause()),
                link.linkChangedAt(), SCHEMA_VERSION, interactionId, contactId, link.webLink(), note);
    }

    public static InteractionLinkedToOpportunity linkedToOpportunity(String interactionId, String contactId,
            Interaction.OpportunityLink link) {
        return new InteractionLinkedToOpportunity(LogIds.linkedToOpportunity(interactionId, link.opportunityId()),
                link.opportunityLinkedAt(), SCHEMA_VERSION, interactionId, contactId, link.opportunityId(),
                link.opportunityNumber());
    }

    public static MailDispositionRequested disposition(ReceivedMail mail, MailDecision decision, Instant decidedAt) {
        return new MailDispositionRequested(LogIds.disposition(mail.connectionId(), mail.internetMessageId()),
                decidedAt, SCHEMA_VERSION, mail.connectionId(), mail.internetMessageId(), mail.immutableId(),
                decision.disposition(), decision.dispositionReason());
    }

    private LogEvents() {
    }
}
