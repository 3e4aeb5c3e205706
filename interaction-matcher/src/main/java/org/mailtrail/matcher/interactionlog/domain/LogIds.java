package org.mailtrail.matcher.interactionlog.domain;

import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.mail.MailDispositionRequested;

/**
 * Every id the log hands out is derived from what it identifies, so the same mail, processed
 * twice, yields the same interactions and the same events.
 */
public final class LogIds {

    private static final String INTERACTION = "org.mailtrail.interaction";

    /** One interaction per (mail, contact, salesperson). */
    public static String interactionId(String connectionId, String internetMessageId, String contactId,
            String salespersonCode) {
        return EventIds.of(INTERACTION, connectionId, internetMessageId, contactId, salespersonCode).toString();
    }

    public static UUID logged(String interactionId) {
        return EventIds.of(InteractionLogged.TYPE, interactionId);
    }

    /** One link change per interaction and per mail.archived.v1 event that caused it. */
    public static UUID linkChanged(String interactionId, String causeEventId) {
        return EventIds.of(InteractionMessageLinkChanged.TYPE, interactionId, causeEventId);
    }

    public static UUID linkedToOpportunity(String interactionId, String opportunityId) {
        return EventIds.of(InteractionLinkedToOpportunity.TYPE, interactionId, opportunityId);
    }

    /** The first decision about the first copy of a mail: one disposition, the id it always had. */
    public static UUID disposition(String connectionId, String internetMessageId) {
        return EventIds.of(MailDispositionRequested.TYPE, connectionId, internetMessageId);
    }

    /**
     * Any other decision's disposition: one per copy of a mail and per decision about it.
     *
     * @param messageId the copy's record in the log
     * @param revision 0 for the first decision, then one more for each later one (logged late, retention ended)
     */
    public static UUID disposition(String messageId, int revision) {
        return EventIds.of(MailDispositionRequested.TYPE, messageId, Integer.toString(revision));
    }

    public static UUID loggedLate(String interactionId) {
        return EventIds.of(InteractionLoggedLate.TYPE, interactionId);
    }

    public static UUID unlinked(String interactionId, String opportunityId) {
        return EventIds.of(InteractionUnlinkedFromOpportunity.TYPE, interactionId, opportunityId);
    }

    private LogIds() {
    }
}
