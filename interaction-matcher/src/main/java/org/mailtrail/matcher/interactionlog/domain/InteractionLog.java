package org.mailtrail.matcher.interactionlog.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.mailtrail.events.Contract;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.matcher.connection.domain.ConnectionPolicies;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.mailtrail.matcher.directory.domain.AddressIndex;
import org.mailtrail.matcher.interactionlog.store.InteractionDocument;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.matcher.matching.domain.MatchingRules;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.mailtrail.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes the interaction log. Each change stores the events it owes in the outbox of the document it
 * changes, in the same write, and publishes them right after; each input may arrive more than once,
 * and a repeat changes nothing but publishes whatever is still owed. An interaction's events are
 * published before its mail's disposition is requested, so subscribers learn of an interaction
 * before anything that follows from the disposition.
 */
@Service
public class InteractionLog {

    private static final Logger log = LoggerFactory.getLogger(InteractionLog.class);

    private final MatchingRules rules;
    private final AddressIndex directory;
    private final ConnectionPolicies connections;
    private final LogStore store;
    private final LogWrites writes;
    private final HeldMail held;
    private final ConversationLinks conversations;
    private final Outbox outbox;
    private final LogMetrics metrics;
    private final Clock clock;
    private final Traces traces;

    public InteractionLog(AddressIndex directory, ConnectionPolicies connections, LogStore store, LogWrites writes,
            HeldMail held, ConversationLinks conversations, Outbox outbox, LogMetrics metrics, Clock clock,
            Traces traces) {
        this.rules = new MatchingRules(directory);
        this.directory = directory;
        this.connections = connections;
        this.store = store;
        this.writes = writes;
        this.held = held;
        this.conversations = conversations;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Matches a mail and stores the decision, unless one is stored already: a mail seen before keeps
     * its decision, whatever the directory says now. A further copy of a mail (the same internetMessageId, another
     * message in the mailbox) is counted and disposed of on its own, and makes no interactions. Then publishes
     * whatever the mail still owes: its interactions' events, then its disposition.
     */
    public void record(MailReceived mail) {
        traces.withinTraceOf(mail, "match mail", () -> recordInItsTrace(mail));
    }

    private void recordInItsTrace(MailReceived mail) {
        Instant now = clock.instant();
        ConnectionPolicy policy = connections.policyFor(mail.connectionId());
        ReceivedMail received = ReceivedMail.of(mail);
        // Matching is in memory and cheap; trying the insert first saves a lookup for every new mail.
        MailDecision decision = MailDecision.of(mail, rules.match(mail, policy.matchingPolicy()), policy,
                directory.isEmpty(), now);
        MessageDocument message = MessageDocument.decided(received, decision, mail.webLink(), now);
        boolean first = store.insertMessage(message);
        List<Interaction> interactions;
        if (first) {
            interactions = Interaction.decided(received, decision, now, false);
            matched(mail, decision);
            store.insertInteractions(writes.logged(interactions, null, null));
        } else {
            message = store.findMessage(message.id()).orElseThrow();
            if (!message.isCopyWithId(mail.immutableId())) {
                recordCopy(message, mail, received, policy, now);
                return;
            }
            interactions = Interaction.decided(message.mail(), message.decision(), message.processedAt(),
                    message.loggedLate());
            store.insertMissing(writes.logged(interactions, message.heldSince(), message.lateCause()));
        }
        if (message.decision().isHeld()) {
            held.hold(mail, message);
        }
        conversations.follow(interactions, mail.inReplyTo(), mail.references());
        // Only now that every interaction of the mail is stored: a disposition published before them
        // would bring back a MailArchived with no interaction to give the link to.
        writes.queueAndPublish(message, message.revision() == 0 ? message.processedAt() : message.updatedAt());
        if (first) {
            countFirst(mail, decision);
        }
    }

    /**
     * {@link #record} for a batch of mail, with the writes of the batch's new mails done together: their decisions
     * inserted in one write, their interactions in another, their dispositions queued in a third, every event they
     * owe published side by side (all interactions' events before any disposition, as for one mail), and one read
     * for the conversations they may join. A mail stored before (a repeat, a further copy, a second delivery
     * within the batch) is then recorded on its own, as {@link #record} does, after the new ones.
     */
    public void recordAll(List<MailReceived> mails) {
        Instant now = clock.instant();
        boolean directoryEmpty = directory.isEmpty();
        Map<String, Decided> news = new LinkedHashMap<>();
        List<MailReceived> seenBefore = new ArrayList<>();
        for (MailReceived mail : mails) {
            ConnectionPolicy policy = connections.policyFor(mail.connectionId());
            ReceivedMail received = ReceivedMail.of(mail);
            MailDecision decision = MailDecision.of(mail, rules.match(mail, policy.matchingPolicy()), policy,
                    directoryEmpty, now);
            MessageDocument message = MessageDocument.decided(received, decision, mail.webLink(), now);
            if (news.containsKey(message.id())) {
                seenBefore.add(mail);
            } else {
                news.put(message.id(), new Decided(mail, received, decision, message));
            }
        }
        Set<String> inserted = store.insertMessages(news.values().stream().map(Decided::message).toList());
        List<Decided> firsts = new ArrayList<>();
        List<MailReceived> again = new ArrayList<>();
        for (Decided decided : news.values()) {
            if (inserted.contains(decided.message().id())) {
                firsts.add(decided);
            } else {
                again.add(decided.mail());
            }
        }
        List<ConversationLinks.Followed> followed = new ArrayList<>();
        List<InteractionDocument> logged = new ArrayList<>();
        Map<String, OutboxEntry> dispositions = new LinkedHashMap<>();
        for (Decided first : firsts) {
            List<Interaction> ofMail = Interaction.decided(first.received(), first.decision(), now, false);
            // Each mail's events are written in the trace its record came with, and published in it.
            traces.withinTraceOf(first.mail(), "match mail", () -> {
                matched(first.mail(), first.decision());
                logged.addAll(writes.logged(ofMail, null, null));
                dispositions.put(first.message().id(), writes.disposition(first.message(), now));
            });
            followed.add(new ConversationLinks.Followed(ofMail, first.mail().inReplyTo(), first.mail().references()));
        }
        store.insertInteractions(logged);
        for (Decided first : firsts) {
            if (first.decision().isHeld()) {
                held.hold(first.mail(), first.message());
            }
        }
        conversations.followAll(followed);
        // Only now that every interaction of the batch is stored, as for one mail.
        writes.queueAndPublish(firsts.stream().map(Decided::message).toList(), dispositions, now);
        firsts.forEach(first -> countFirst(first.mail(), first.decision()));
        again.addAll(seenBefore);
        again.forEach(this::record);
    }

    /** The one line a mail's first decision gets, in the mail's trace: ids and outcome, nobody's address. */
    private static void matched(MailReceived mail, MailDecision decision) {
        log.info("mail {}/{} matched: {} interactions, outcome {}, disposition {}", mail.connectionId(),
                mail.internetMessageId(), decision.interactionIds().size(), decision.outcome(), decision.disposition());
    }

    /** A mail of a batch, decided. */
    private record Decided(MailReceived mail, ReceivedMail received, MailDecision decision, MessageDocument message) {
    }

    /** A further copy of the mail {@code first}: its own record and disposition, no interactions. */
    private void recordCopy(MessageDocument first, MailReceived mail, ReceivedMail received, ConnectionPolicy policy,
            Instant now) {
        MailDecision decision = first.decision().forCopy(policy.copies() == CopyPolicy.DELETE, directory.isEmpty());
        MessageDocument copy = MessageDocument.copy(first, received, decision, mail.webLink(), now);
        boolean inserted = store.insertMessage(copy);
        if (!inserted) {
            copy = store.findMessage(copy.id()).orElseThrow();
        }
        store.addCopy(first.id(), copy.id());
        writes.queueAndPublish(copy, copy.revision() == 0 ? copy.processedAt() : copy.updatedAt());
        if (inserted) {
            metrics.copy();
        }
    }

    /** Records what the ingestor did with a copy of a mail and gives its interactions the link that results. */
    public void recordOutcome(Contract outcome) {
        Instant now = clock.instant();
        String key;
        String immutableId;
        UUID dispositionId;
        if (outcome instanceof MailArchived archived) {
            key = MailKeys.of(archived.connectionId(), archived.internetMessageId());
            immutableId = archived.immutableId();
            dispositionId = archived.dispositionId();
        } else if (outcome instanceof MailDeleted deleted) {
            key = MailKeys.of(deleted.connectionId(), deleted.internetMessageId());
            immutableId = deleted.immutableId();
            dispositionId = deleted.dispositionId();
        } else if (outcome instanceof MailDispositionFailed failed) {
            key = MailKeys.of(failed.connectionId(), failed.internetMessageId());
            immutableId = failed.immutableId();
            dispositionId = failed.dispositionId();
        } else if (outcome instanceof MailHeld heldMail) {
            key = MailKeys.of(heldMail.connectionId(), heldMail.internetMessageId());
            immutableId = heldMail.immutableId();
            dispositionId = heldMail.dispositionId();
        } else {
            throw new PoisonMessageException(outcome.getClass().getSimpleName()
                    + " is not an outcome of a mail disposition");
        }
        MessageDocument first = store.findMessage(key).orElseThrow(() -> new IllegalStateException(
                "no mail " + outcome.aggregateId() + " was matched here, so its outcome has nothing to update"));
        MessageDocument target = answered(first, immutableId, dispositionId);
        if (target == null) {
            log.debug("{} {} answers a disposition of mail {} that was decided again since; the later one stands",
                    outcome.getClass().getSimpleName(), outcome.eventId(), key);
            return;
        }
        MailboxReport report = report(outcome, !target.isCopy() && target.decision().isLogged());
        MessageDocument updated = store.recordReport(target.id(), report, now).orElseThrow();
        metrics.filed(updated.filing().state());
        if (!updated.isCopy() && updated.decision().isLogged()) {
            changeLinks(updated, outcome.eventId().toString(), now);
        }
    }

    /**
     * The copy whose current disposition the outcome answers: by the disposition's id where the outcome carries one,
     * else (an outcome of an earlier version, which answered a first disposition) by the copy's immutable id. Null
     * for an answer to a disposition decided again since.
     */
    private MessageDocument answered(MessageDocument first, String immutableId, UUID dispositionId) {
        List<MessageDocument> copies = store.findCopies(first);
        if (dispositionId == null) {
            return copies.stream().filter(copy -> immutableId != null && copy.isCopyWithId(immutableId)).findFirst()
                    .orElse(first);
        }
        String answered = dispositionId.toString();
        if (answered.equals(first.dispositionId()) || first.dispositionId() == null) {
            return first;
        }
        return copies.stream().filter(copy -> answered.equals(copy.dispositionId())).findFirst().orElse(null);
    }

    private static MailboxReport report(Contract outcome, boolean logged) {
        if (outcome instanceof MailArchived archived) {
            return MailboxReport.archived(archived.webLink(), archived.folder(), archived.immutableId(),
                    archived.messageId());
        }
        if (outcome instanceof MailDeleted deleted) {
            return MailboxReport.deleted(deleted.reason(), deleted.immutableId(), logged);
        }
        if (outcome instanceof MailHeld heldMail) {
            return MailboxReport.held(heldMail.webLink(), heldMail.folder(), heldMail.immutableId(),
                    heldMail.messageId());
        }
        MailDispositionFailed failed = (MailDispositionFailed) outcome;
        return MailboxReport.failed(failed.reason(), failed.immutableId(), failed.requested() == Disposition.ARCHIVE);
    }

    /**
     * Points the promoted interaction to its opportunity and tells subscribers, once per opportunity; the rest of
     * its conversation with the contact follows the opportunity from now on.
     */
    public void linkOpportunity(OpportunityCreated created) {
        Interaction interaction = store.findInteraction(created.interactionId())
                .orElseThrow(() -> new IllegalStateException("opportunity " + created.opportunityId()
                        + " names interaction " + created.interactionId() + ", which is not in the log"));
        // The opportunity's own time is the link's; MongoDB keeps milliseconds, and the event must carry
        // the time the log stores.
        Instant at = created.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        Interaction.OpportunityLink link = new Interaction.OpportunityLink(created.opportunityId(), created.number(),
                at, OpportunityLinkSource.PROMOTION);
        conversations.promoted(interaction, created.opportunityId(), created.number(), at);
        store.linkOpportunity(interaction.id(), link,
                outbox.entry(LogEvents.linkedToOpportunity(interaction.id(), interaction.pair().contactId(), link)));
        outbox.publish(InteractionDocument.COLLECTION, interaction.id());
    }

    /** An opportunity won or lost takes no more of its conversation; one open again does. */
    public void opportunityStatusChanged(OpportunityStatusChanged changed) {
        conversations.statusChanged(changed.opportunityId(), changed.status());
    }

    /**
     * Takes an interaction a later mail of a promoted conversation linked automatically away from the opportunity,
     * for good, and tells subscribers.
     *
     * @throws OpportunityLinkConflictException when it is not linked, or was promoted to the opportunity itself
     */
    public Interaction unlinkOpportunity(Interaction interaction, String by) {
        Interaction.OpportunityLink link = interaction.opportunity();
        if (link.opportunityId() == null) {
            throw new OpportunityLinkConflictException("interaction " + interaction.id()
                    + " is not linked to an opportunity");
        }
        if (link.linkedBy() != OpportunityLinkSource.CONVERSATION) {
            throw new OpportunityLinkConflictException("opportunity " + link.opportunityNumber()
                    + " was created from interaction " + interaction.id() + "; only a link made by its conversation "
                    + "can be undone");
        }
        OutboxEntry unlinked = outbox.entry(LogEvents.unlinked(interaction, link.opportunityId(), by,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        if (!store.unlinkOpportunity(interaction.id(), link.opportunityId(), unlinked)) {
            throw new OpportunityLinkConflictException("interaction " + interaction.id()
                    + " was linked to another opportunity meanwhile");
        }
        outbox.publish(InteractionDocument.COLLECTION, interaction.id());
        return store.findInteraction(interaction.id()).orElseThrow();
    }

    private void changeLinks(MessageDocument message, String cause, Instant now) {
        Filing filing = message.filing();
        Interaction.Link link = new Interaction.Link(filing.linkNote() == null ? filing.webLink() : null,
                filing.linkNote(), cause, now);
        List<String> ids = message.decision().interactionIds();
        List<MatchedPair> pairs = message.decision().matches();
        Map<String, OutboxEntry> changes = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            changes.put(ids.get(i), outbox.entry(LogEvents.linkChanged(ids.get(i), pairs.get(i).contactId(), link)));
        }
        store.changeLinks(link, changes);
        outbox.publish(InteractionDocument.COLLECTION, ids);
    }

    private void countFirst(MailReceived mail, MailDecision decision) {
        metrics.processed(mail, decision.isLogged(), clock.instant());
        if (decision.isLogged()) {
            metrics.logged(decision.direction(), decision.interactionIds().size());
        } else {
            metrics.excluded(decision.exclusionRule());
        }
    }
}
