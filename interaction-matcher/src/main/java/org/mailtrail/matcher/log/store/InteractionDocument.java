package org.mailtrail.matcher.log.store;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.matcher.log.domain.InitiatedBy;
import org.mailtrail.matcher.log.domain.Pending;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the interaction log: one mail between one salesperson and one contact.
 *
 * @param conversationKey the conversation a timeline groups by: the mail's conversationId, or the
 *        mail itself when it has none
 * @param sharedWith contacts that share the matched address and lost the deterministic tie
 * @param linkCause the mail.archived.v1 event that last changed the link, which the change event's id derives from
 */
@Document(InteractionDocument.COLLECTION)
public record InteractionDocument(
        @Id String id,
        String connectionId,
        String internetMessageId,
        String messageKey,
        String conversationId,
        String conversationKey,
        String contactId,
        String contactName,
        String companyId,
        String companyName,
        String salespersonCode,
        String salespersonName,
        Direction direction,
        InitiatedBy initiatedBy,
        Instant interactionAt,
        String subject,
        MatchedBy matchedBy,
        String contactAddress,
        List<String> sharedWith,
        boolean hasAttachments,
        String webLink,
        String linkNote,
        String linkCause,
        Instant linkChangedAt,
        String opportunityId,
        String opportunityNumber,
        Instant opportunityLinkedAt,
        Instant loggedAt,
        List<Pending> pending) {

    public static final String COLLECTION = "interactions";

    public InteractionDocument {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** The interactions a logged message makes, each with its InteractionLogged still to be published. */
    public static List<InteractionDocument> of(MessageDocument message) {
        return IntStream.range(0, message.matches().size()).mapToObj(i -> {
            MatchRecord match = message.matches().get(i);
            return new InteractionDocument(message.interactionIds().get(i), message.connectionId(),
                    message.internetMessageId(), message.id(), message.conversationId(),
                    message.conversationId() != null ? message.conversationId() : message.id(), match.contactId(),
                    match.contactName(), match.companyId(), match.companyName(), match.salespersonCode(),
                    match.salespersonName(), message.direction(), InitiatedBy.of(message.direction()),
                    message.interactionAt(), message.subject(), match.matchedBy(), match.contactAddress(),
                    match.sharedWith(), message.hasAttachments(), null, null, null, null, null, null, null,
                    message.processedAt(), List.of(Pending.LOGGED));
        }).toList();
    }

    public boolean isPending(Pending kind) {
        return pending.contains(kind);
    }
}
