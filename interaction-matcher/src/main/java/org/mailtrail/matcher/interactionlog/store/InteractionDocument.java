package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.InitiatedBy;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.MatchedPair;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * An {@link Interaction} as stored: its parts unwrapped into one flat document, which queries,
 * indexes and the timeline's aggregation address by field name, and the events it still owes.
 */
@Document(InteractionDocument.COLLECTION)
public record InteractionDocument(
        @Id String id,
        @Unwrapped.Empty Interaction.Mail mail,
        @Unwrapped.Empty MatchedPair pair,
        InitiatedBy initiatedBy,
        @Unwrapped.Empty Interaction.Link link,
        @Unwrapped.Empty Interaction.OpportunityLink opportunity,
        Instant loggedAt,
        boolean loggedLate,
        List<String> unlinkedOpportunities,
        List<OutboxEntry> outbox) {

    public static final String COLLECTION = "interactions";

    public InteractionDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        unlinkedOpportunities = unlinkedOpportunities == null ? List.of() : List.copyOf(unlinkedOpportunities);
    }

    /** A new interaction, with the events it owes: its InteractionLogged, and InteractionLoggedLate when late. */
    public static InteractionDocument logged(Interaction interaction, List<OutboxEntry> owed) {
        return new InteractionDocument(interaction.id(), interaction.mail(), interaction.pair(),
                interaction.initiatedBy(), interaction.link(), interaction.opportunity(), interaction.loggedAt(),
                interaction.loggedLate(), interaction.unlinkedOpportunities(), owed);
    }

    public Interaction toInteraction() {
        return new Interaction(id, mail, pair, initiatedBy, link, opportunity, loggedAt, loggedLate,
                unlinkedOpportunities);
    }
}
