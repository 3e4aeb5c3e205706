package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The conversation an opportunity was created from, with the contact it concerns: later mail of the conversation
 * with that contact is linked to the opportunity while it is open.
 *
 * @param id the opportunity's id
 * @param conversationIds the conversation ids of the thread's mails
 * @param messageIds the internetMessageIds of the thread's mails, which a reply names in In-Reply-To or References
 * @param open false once the opportunity is won or lost
 */
@Document(OpportunityThreadDocument.COLLECTION)
public record OpportunityThreadDocument(
        @Id String id,
        String opportunityNumber,
        String contactId,
        List<String> conversationIds,
        List<String> messageIds,
        boolean open,
        Instant createdAt) {

    public static final String COLLECTION = "opportunityThreads";

    public OpportunityThreadDocument {
        conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }
}
