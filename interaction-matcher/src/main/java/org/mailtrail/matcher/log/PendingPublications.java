package org.mailtrail.matcher.log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.mailtrail.events.Contract;
import org.mailtrail.matcher.log.domain.EventPublisher;
import org.mailtrail.matcher.log.domain.LogEvents;
import org.mailtrail.matcher.log.domain.Pending;
import org.mailtrail.matcher.log.store.InteractionDocument;
import org.mailtrail.matcher.log.store.LogStore;
import org.mailtrail.matcher.log.store.MessageDocument;
import org.springframework.stereotype.Component;

/**
 * The log's one way of publishing: every change marks the event it owes on the changed document
 * (see {@link Pending}); this publishes owed events synchronously, from the documents, and only
 * then removes the marks. Whatever was not confirmed stays owed and goes out with the next delivery
 * of the same input — at least once, never lost, with a deterministic event id.
 */
@Component
public class PendingPublications {

    private final EventPublisher publisher;
    private final LogStore store;

    public PendingPublications(EventPublisher publisher, LogStore store) {
        this.publisher = publisher;
        this.store = store;
    }

    public void publishLogged(List<InteractionDocument> interactions) {
        publish(interactions, Pending.LOGGED, InteractionDocument.class, InteractionDocument::id,
                interaction -> LogEvents.logged(interaction.id(), interaction.loggedAt(), interaction.contactId(),
                        interaction.companyId(), interaction.salespersonCode(), interaction.connectionId(),
                        interaction.internetMessageId(), interaction.conversationId(), interaction.direction(),
                        interaction.interactionAt(), interaction.subject(), interaction.matchedBy(),
                        interaction.contactAddress(), interaction.hasAttachments()));
    }

    public void publishLinks(List<InteractionDocument> interactions) {
        publish(interactions, Pending.LINK, InteractionDocument.class, InteractionDocument::id,
                interaction -> LogEvents.linkChanged(interaction.id(), interaction.contactId(), interaction.webLink(),
                        interaction.linkNote(), interaction.linkCause(), interaction.linkChangedAt()));
    }

    public void publishOpportunityLinks(List<InteractionDocument> interactions) {
        publish(interactions, Pending.OPPORTUNITY, InteractionDocument.class, InteractionDocument::id,
                interaction -> LogEvents.linkedToOpportunity(interaction.id(), interaction.contactId(),
                        interaction.opportunityId(), interaction.opportunityNumber(),
                        interaction.opportunityLinkedAt()));
    }

    public void publishDisposition(MessageDocument message) {
        publish(List.of(message), Pending.DISPOSITION, MessageDocument.class, MessageDocument::id,
                owed -> LogEvents.disposition(owed.connectionId(), owed.internetMessageId(), owed.immutableId(),
                        owed.disposition(), owed.dispositionReason(), owed.processedAt()));
    }

    private <D> void publish(List<D> documents, Pending kind, Class<D> type, Function<D, String> id,
            Function<D, Contract> event) {
        if (documents.isEmpty()) {
            return;
        }
        List<String> confirmed = new ArrayList<>(documents.size());
        RuntimeException failure = null;
        try {
            for (D document : documents) {
                publisher.publish(event.apply(document));
                confirmed.add(id.apply(document));
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        // Also when a later send failed: what the broker confirmed is not published again.
        try {
            store.settle(type, confirmed, kind);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
