package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

/** One entry of the interaction log, as interaction-matcher shows it. */
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
        Instant loggedAt) {

    public boolean promoted() {
        return opportunityId != null;
    }
}
