package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Filing;
import org.mailtrail.matcher.interactionlog.domain.LogIds;
import org.mailtrail.matcher.interactionlog.domain.MailDecision;
import org.mailtrail.matcher.interactionlog.domain.MailState;
import org.mailtrail.matcher.interactionlog.domain.ReceivedMail;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * One copy of a mail in one flat document: what it was, what the rules decided, where it stands in the mailbox,
 * and the disposition it still owes. The first copy's id is the mail's Kafka key, connectionId/internetMessageId;
 * a further copy of the same mail (another message in the mailbox with the same internetMessageId) has its own
 * document, {@code key#immutableId}, which shares the first copy's decision but makes no interactions.
 *
 * @param processedAt when the mail was decided
 * @param updatedAt when the ingestor last reported on it
 * @param dispositionQueuedAt when the current disposition went into the outbox: only once the mail's interactions
 *        are stored, so that no disposition is ever published for interactions that do not exist yet; null until then
 * @param copyOf for a further copy, the first copy's id
 * @param copyIds for the first copy, the ids of the further copies received
 * @param receivedImmutableId the immutable id the copy arrived with, which a report never changes
 * @param revision how many times the copy was decided again (logged late, retention ended); each decision has its
 *        own disposition
 * @param dispositionId the eventId of the current decision's disposition: a report about an earlier one is stale
 * @param heldSince when the mail was held, for a mail held now or logged late
 * @param loggedLate whether the mail was held and then logged
 * @param lateCause what logged it late
 */
@Document(MessageDocument.COLLECTION)
public record MessageDocument(
        @Id String id,
        @Unwrapped.Empty ReceivedMail mail,
        @Unwrapped.Empty MailDecision decision,
        @Unwrapped.Empty Filing filing,
        Instant processedAt,
        Instant updatedAt,
        Instant dispositionQueuedAt,
        List<OutboxEntry> outbox,
        String copyOf,
        List<String> copyIds,
        String receivedImmutableId,
        int revision,
        String dispositionId,
        Instant heldSince,
        boolean loggedLate,
        Instant loggedLateAt,
        String lateCause) {

    public static final String COLLECTION = "messages";

    public MessageDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        copyIds = copyIds == null ? List.of() : List.copyOf(copyIds);
    }

    /** A mail decided just now; its disposition is queued once its interactions are stored. */
    public static MessageDocument decided(ReceivedMail mail, MailDecision decision, String inboxLink, Instant at) {
        String id = mail.key();
        String dispositionId = LogIds.disposition(mail.connectionId(), mail.internetMessageId()).toString();
        return new MessageDocument(id, mail, decision, Filing.decided(decision, inboxLink), at, at, null, List.of(),
                null, List.of(), mail.immutableId(), 0, dispositionId, decision.isHeld() ? at : null, false, null, null);
    }

    /** A further copy of the mail {@code first}, decided like it (see {@link MailDecision}). */
    public static MessageDocument copy(MessageDocument first, ReceivedMail copy, MailDecision decision,
            String inboxLink, Instant at) {
        String id = copyId(first.id(), copy.immutableId());
        return new MessageDocument(id, copy, decision, Filing.decided(decision, inboxLink), at, at, null, List.of(),
                first.id(), List.of(), copy.immutableId(), 0, LogIds.disposition(id, 0).toString(),
                decision.isHeld() ? at : null, false, null, null);
    }

    /**
     * This copy decided again (logged late, or its retention ended): the next revision, owing the new decision's
     * disposition, which is queued once the mail's interactions are stored.
     *
     * @param lateCause what logged it late, for a mail logged late; null otherwise
     */
    public MessageDocument decidedAgain(MailDecision decided, MailState state, Instant at, String lateCause) {
        int next = revision + 1;
        boolean late = lateCause != null || loggedLate;
        return new MessageDocument(id, mail, decided, new Filing(state, filing.stateReason(), filing.folder(),
                filing.webLink(), filing.linkNote()), processedAt, at, null, outbox, copyOf, copyIds,
                receivedImmutableId, next, LogIds.disposition(id, next).toString(), heldSince, late,
                lateCause != null ? at : loggedLateAt, lateCause != null ? lateCause : this.lateCause);
    }

    /** This further copy counted as its first copy is now, without a disposition of its own (it has left already). */
    public MessageDocument countedAs(MailDecision first, Instant at) {
        MailDecision counted = new MailDecision(first.outcome(), first.exclusionRule(), first.exclusionDetail(),
                first.direction(), first.interactionAt(), List.of(), List.of(), decision.disposition(),
                decision.dispositionReason(), decision.holdFolder(), decision.heldUntil(), decision.currentFolder());
        return new MessageDocument(id, mail, counted, filing, processedAt, at, dispositionQueuedAt, outbox, copyOf,
                copyIds, receivedImmutableId, revision, dispositionId, heldSince, first.isLogged(), loggedLateAt,
                lateCause);
    }

    /** The id of a further copy of the mail whose first copy is {@code firstId}. */
    public static String copyId(String firstId, String immutableId) {
        return firstId + "#" + immutableId;
    }

    public boolean isCopy() {
        return copyOf != null;
    }

    /** Whether {@code immutableId} is this copy's, as it arrived or as the ingestor last reported it. */
    public boolean isCopyWithId(String immutableId) {
        return immutableId.equals(mail.immutableId()) || immutableId.equals(receivedImmutableId);
    }
}
