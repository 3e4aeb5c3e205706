package org.mailtrail.matcher.interactionlog.domain;

import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
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

    /** Exactly one disposition per mail. */
    public static UUID disposition(String connectionId, String internetMessageId) {
        return EventIds.of(MailDispositionRequested.TYPE, connectionId, internetMessageId);
    }

    private LogIds() {
    }
}
