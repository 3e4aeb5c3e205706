package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the interaction log, as interaction-matcher shows it.
 *
 * @param opportunityLinkedBy how the entry came to its opportunity: {@code PROMOTION} (someone created it from an
 *        entry) or {@code CONVERSATION} (the matcher linked a later mail of the same conversation); absent without one
 * @param loggedLate the mail was held first and logged once the directory knew its people
 * @param openable the mail is read from an IMAP server: "Open email" shows it on a console page, not in Outlook
 */
public record Interaction(
        String id,
        String connectionId,
        String contactId,
        String contactName,
        String companyId,
        String companyName,
        String salespersonCode,
        String salespersonName,
        String direction,
        String initiatedBy,
        Instant interactionAt,
        String description,
        String matchedBy,
        String contactAddress,
        List<String> sharedWith,
        String conversationId,
        String internetMessageId,
        boolean hasAttachments,
        String webLink,
        String linkNote,
        String opportunityId,
        String opportunityNumber,
        String opportunityLinkedBy,
        Boolean loggedLate,
        Instant loggedAt,
        Boolean openable) {

    public static final String LINKED_BY_CONVERSATION = "CONVERSATION";

    public Interaction {
        // A matcher from before held mail does not say: nothing it logged was late.
        loggedLate = Boolean.TRUE.equals(loggedLate);
        // A matcher from before IMAP does not say: every mail it logged opens in Outlook.
        openable = Boolean.TRUE.equals(openable);
    }

    public boolean promoted() {
        return opportunityId != null;
    }

    /** Linked to its opportunity by its conversation, not promoted itself: the only link a manager can undo. */
    public boolean linkedByConversation() {
        return promoted() && LINKED_BY_CONVERSATION.equals(opportunityLinkedBy);
    }
}
