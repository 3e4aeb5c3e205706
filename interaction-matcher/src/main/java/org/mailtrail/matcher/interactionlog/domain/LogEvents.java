package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.util.UUID;

import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.events.mail.Disposition;
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
                link.opportunityNumber(), link.linkedBy());
    }

    public static InteractionLoggedLate loggedLate(Interaction interaction, Instant heldSince, String cause) {
        Interaction.Mail mail = interaction.mail();
        return new InteractionLoggedLate(LogIds.loggedLate(interaction.id()), interaction.loggedAt(), SCHEMA_VERSION,
                interaction.id(), interaction.pair().contactId(), mail.connectionId(), mail.internetMessageId(),
                mail.interactionAt(), heldSince, cause);
    }

    public static InteractionUnlinkedFromOpportunity unlinked(Interaction interaction, String opportunityId,
            String unlinkedBy, Instant at) {
        return new InteractionUnlinkedFromOpportunity(LogIds.unlinked(interaction.id(), opportunityId), at,
                SCHEMA_VERSION, interaction.id(), interaction.pair().contactId(), opportunityId, unlinkedBy);
    }

    /**
     * The disposition a copy of a mail owes for its current decision: the id its record keeps for it, the folder a
     * hold moves it to, and the folder it is in when that is not the source folder.
     */
    public static MailDispositionRequested disposition(ReceivedMail mail, MailDecision decision, String dispositionId,
            Instant decidedAt) {
        return new MailDispositionRequested(UUID.fromString(dispositionId), decidedAt, SCHEMA_VERSION,
                mail.connectionId(), mail.internetMessageId(), mail.immutableId(), decision.disposition(),
                decision.dispositionReason(), decision.disposition() == Disposition.HOLD ? decision.holdFolder() : null,
                decision.currentFolder());
    }

    private LogEvents() {
    }
}
