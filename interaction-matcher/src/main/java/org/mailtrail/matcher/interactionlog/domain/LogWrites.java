package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.mailtrail.matcher.interactionlog.store.InteractionDocument;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.stereotype.Component;

/**
 * The writes that live mail, held mail and its re-runs share, so each is done one way: a mail's interactions with
 * the events they owe, a copy's record decided again, and its disposition queued and published after its
 * interactions.
 */
@Component
class LogWrites {

    /** How often a decision is tried again when the record changed under it (a report, another decision). */
    private static final int ATTEMPTS = 10;

    private final LogStore store;
    private final Outbox outbox;

    LogWrites(LogStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Interactions as stored, each owing its InteractionLogged and, for a mail logged late, its
     * InteractionLoggedLate right after.
     */
    List<InteractionDocument> logged(List<Interaction> interactions, Instant heldSince, String lateCause) {
        return interactions.stream().map(interaction -> {
            List<OutboxEntry> owed = new ArrayList<>(List.of(outbox.entry(LogEvents.logged(interaction))));
            if (interaction.loggedLate()) {
                owed.add(outbox.entry(LogEvents.loggedLate(interaction, heldSince, lateCause)));
            }
            return InteractionDocument.logged(interaction, owed);
        }).toList();
    }

    /**
     * Decides a copy's record again as {@code decide} says from what it holds now, reading it again while another
     * write changes it meanwhile; empty when the record is gone or {@code decide} finds nothing to change.
     */
    Optional<MessageDocument> decideAgain(String id, Function<MessageDocument, Optional<MessageDocument>> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<MessageDocument> read = store.findMessage(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Optional<MessageDocument> decided = decide.apply(read.get());
            if (decided.isEmpty() || store.replaceIfUnchanged(read.get(), decided.get())) {
                return decided;
            }
        }
        throw new IllegalStateException("the record of mail " + id + " kept changing while it was decided again");
    }

    /**
     * Queues the disposition the copy's current decision owes, once, and publishes what the mail owes: its
     * interactions' events first, then the disposition.
     */
    /**
     * {@link #queueAndPublish(MessageDocument, Instant)} for mails decided just now, at {@code decidedAt}: their
     * dispositions (by message id, from {@link #disposition}) queued in one write, then every interaction's events
     * and every disposition published, the interactions' first.
     */
    void queueAndPublish(List<MessageDocument> messages, Map<String, OutboxEntry> dispositions, Instant decidedAt) {
        if (messages.isEmpty()) {
            return;
        }
        store.queueDispositions(dispositions, decidedAt);
        outbox.publish(InteractionDocument.COLLECTION, messages.stream()
                .flatMap(message -> message.decision().interactionIds().stream()).toList());
        outbox.publish(MessageDocument.COLLECTION, messages.stream().map(MessageDocument::id).toList());
    }

    /** The disposition a mail decided at {@code decidedAt} owes, for {@link #queueAndPublish(List, Map, Instant)}. */
    OutboxEntry disposition(MessageDocument message, Instant decidedAt) {
        return outbox.entry(LogEvents.disposition(message.mail(), message.decision(), message.dispositionId(),
                decidedAt));
    }

    void queueAndPublish(MessageDocument message, Instant decidedAt) {
        store.queueDisposition(message, outbox.entry(LogEvents.disposition(message.mail(), message.decision(),
                message.dispositionId(), decidedAt)), decidedAt);
        outbox.publish(InteractionDocument.COLLECTION, message.decision().interactionIds());
        outbox.publish(MessageDocument.COLLECTION, message.id());
    }
}
