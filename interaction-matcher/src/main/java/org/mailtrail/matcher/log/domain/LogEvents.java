package org.mailtrail.matcher.log.domain;

import java.time.Instant;

import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;

/**
 * The events of the log, built only from stored state: published again after a crash, an event
 * is identical to the first publication, id and time included.
 */
public final class LogEvents {

    static final int SCHEMA_VERSION = 1;

    public static InteractionLogged logged(String interactionId, Instant loggedAt, String contactId, String companyId,
            String salespersonCode, String connectionId, String internetMessageId, String conversationId,
            Direction direction, Instant interactionAt, String description, MatchedBy matchedBy, String contactAddress,
            boolean hasAttachments) {
        return new InteractionLogged(LogIds.logged(interactionId), loggedAt, SCHEMA_VERSION, interactionId, contactId,
                companyId, salespersonCode, connectionId, internetMessageId, conversationId, direction, interactionAt,
                description, matchedBy, contactAddress, hasAttachments, null);
    }

    public static InteractionMessageLinkChanged linkChanged(String interactionId, String contactId, String webLink,
            String linkNote, String cause, Instant changedAt) {
        return new InteractionMessageLinkChanged(LogIds.linkChanged(interactionId, cause), changedAt, SCHEMA_VERSION,
                interactionId, contactId, webLink, webLink == null && linkNote == null ? LinkNotes.NO_LINK : linkNote);
    }

    public static InteractionLinkedToOpportunity linkedToOpportunity(String interactionId, String contactId,
            String opportunityId, String opportunityNumber, Instant linkedAt) {
        return new InteractionLinkedToOpportunity(LogIds.linkedToOpportunity(interactionId, opportunityId), linkedAt,
                SCHEMA_VERSION, interactionId, contactId, opportunityId, opportunityNumber);
    }

    public static MailDispositionRequested disposition(String connectionId, String internetMessageId,
            String immutableId, Disposition disposition, String reason, Instant decidedAt) {
        return new MailDispositionRequested(LogIds.disposition(connectionId, internetMessageId), decidedAt,
                SCHEMA_VERSION, connectionId, internetMessageId, immutableId, disposition, reason);
    }

    private LogEvents() {
    }
}
