package org.mailtrail.matcher.interactionlog.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.matcher.interactionlog.store.InteractionDocument;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.OpportunityThreadDocument;
import org.mailtrail.matcher.interactionlog.store.OpportunityThreadStore;
import org.mailtrail.platform.outbox.Outbox;
import org.springframework.stereotype.Service;

/**
 * Once an interaction is promoted, the rest of its conversation with that contact belongs to the opportunity: a
 * later mail of the conversation (the same conversationId, or, where a mail has none, an In-Reply-To or References
 * naming a mail of the conversation) is linked to it while it is open, and joins the conversation in turn.
 */
@Service
public class ConversationLinks {

    private final OpportunityThreadStore threads;
    private final LogStore store;
    private final Outbox outbox;
    private final Clock clock;

    ConversationLinks(OpportunityThreadStore threads, LogStore store, Outbox outbox, Clock clock) {
        this.threads = threads;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Starts the conversation of an opportunity created from {@code promoted}. */
    void promoted(Interaction promoted, String opportunityId, String opportunityNumber, Instant at) {
        Interaction.Mail mail = promoted.mail();
        threads.start(new OpportunityThreadDocument(opportunityId, opportunityNumber, promoted.pair().contactId(),
                mail.conversationId() == null ? List.of() : List.of(mail.conversationId()),
                List.of(mail.internetMessageId()), true, at));
    }

    /** Won or lost closes the conversation; any other status opens it again. */
    void statusChanged(String opportunityId, OpportunityStatus status) {
        if (status == OpportunityStatus.WON || status == OpportunityStatus.LOST) {
            threads.close(opportunityId);
        } else {
            threads.reopen(opportunityId);
        }
    }

    /**
     * Links each of a mail's interactions that is not linked yet to its contact's open opportunity whose
     * conversation the mail belongs to, the newest such opportunity where there are several.
     *
     * @param inReplyTo the mail's In-Reply-To, where its source gives it
     * @param references the mail's References, where its source gives them
     */
    void follow(List<Interaction> interactions, String inReplyTo, List<String> references) {
        followAll(List.of(new Followed(interactions, inReplyTo, references)));
    }

    /** A logged mail's interactions, with what the mail says it replies to. */
    record Followed(List<Interaction> interactions, String inReplyTo, List<String> references) {
    }

    /**
     * {@link #follow} for the mails of a batch, in their order, with one read of the open conversations of all
     * their contacts: most mails belong to none, and then the batch costs that one read. A mail that joins a
     * conversation is part of it for the batch's later mails, as it would be were they followed one by one.
     */
    void followAll(List<Followed> mails) {
        Set<String> contacts = mails.stream().flatMap(mail -> unlinked(mail).stream())
                .map(interaction -> interaction.pair().contactId()).collect(Collectors.toSet());
        if (contacts.isEmpty()) {
            return;
        }
        // One query for the mails' contacts: every logged mail asks, and most find nothing.
        List<OpportunityThreadDocument> open = threads.openFor(contacts);
        if (open.isEmpty()) {
            return;
        }
        Map<String, Set<String>> joinedConversations = new HashMap<>();
        Map<String, Set<String>> joinedMessages = new HashMap<>();
        for (Followed followed : mails) {
            Set<String> named = new HashSet<>(followed.references());
            if (followed.inReplyTo() != null) {
                named.add(followed.inReplyTo());
            }
            for (Interaction interaction : unlinked(followed)) {
                Interaction.Mail mail = interaction.mail();
                Optional<OpportunityThreadDocument> thread = open.stream()
                        .filter(candidate -> candidate.contactId().equals(interaction.pair().contactId()))
                        .filter(candidate -> !interaction.unlinkedOpportunities().contains(candidate.id()))
                        .filter(candidate -> mail.conversationId() != null
                                && (candidate.conversationIds().contains(mail.conversationId())
                                        || joinedConversations.getOrDefault(candidate.id(), Set.of())
                                                .contains(mail.conversationId()))
                                || candidate.messageIds().stream().anyMatch(named::contains)
                                || joinedMessages.getOrDefault(candidate.id(), Set.of()).stream()
                                        .anyMatch(named::contains))
                        .findFirst();
                if (thread.isEmpty()) {
                    continue;
                }
                OpportunityThreadDocument joined = thread.get();
                Interaction.OpportunityLink link = new Interaction.OpportunityLink(joined.id(),
                        joined.opportunityNumber(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        OpportunityLinkSource.CONVERSATION);
                if (store.linkOpportunity(interaction.id(), link, outbox.entry(LogEvents.linkedToOpportunity(
                        interaction.id(), interaction.pair().contactId(), link)))) {
                    threads.addMessage(joined.id(), mail.conversationId(), mail.internetMessageId());
                    if (mail.conversationId() != null) {
                        joinedConversations.computeIfAbsent(joined.id(), id -> new HashSet<>())
                                .add(mail.conversationId());
                    }
                    joinedMessages.computeIfAbsent(joined.id(), id -> new HashSet<>()).add(mail.internetMessageId());
                    outbox.publish(InteractionDocument.COLLECTION, interaction.id());
                }
            }
        }
    }

    private static List<Interaction> unlinked(Followed followed) {
        return followed.interactions().stream()
                .filter(interaction -> interaction.opportunity().opportunityId() == null).toList();
    }
}
