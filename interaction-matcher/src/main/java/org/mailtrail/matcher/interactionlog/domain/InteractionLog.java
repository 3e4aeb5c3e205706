package org.mailtrail.matcher.interactionlog.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.events.Contract;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
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

    private final MatchingRules rules;
    private final ConnectionPolicies connections;
    private final LogStore store;
    private final Outbox outbox;
    private final LogMetrics metrics;
    private final Clock clock;

    public InteractionLog(AddressIndex directory, ConnectionPolicies connections, LogStore store, Outbox outbox,
            LogMetrics metrics, Clock clock) {
        this.rules = new MatchingRules(directory);
        this.connections = connections;
        this.store = store;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Matches a mail and stores the decision, unless one is stored already: a mail seen before keeps
     * its first decision, whatever the directory says now. Then publishes whatever the mail still
     * owes: its InteractionLogged events, then its one disposition.
     */
    public void record(MailReceived mail) {
        Instant now = clock.instant();
        ConnectionPolicy policy = connections.policyFor(mail.connectionId());
        ReceivedMail received = ReceivedMail.of(mail);
        // Matching is in memory and cheap; trying the insert first saves a lookup for every new mail.
        MailDecision decision = MailDecision.of(mail, rules.match(mail, policy.matchingPolicy()),
                policy.unmatchedPolicy());
        MessageDocument message = MessageDocument.decided(received, decision, mail.webLink(), now);
        boolean first = store.insertMessage(message);
        if (first) {
            store.insertInteractions(logged(Interaction.decided(received, decision, now)));
        } else {
            message = store.findMessage(message.id()).orElseThrow();
            store.insertMissing(logged(Interaction.decided(message.mail(), message.decision(), message.processedAt())));
        }
        // Only now that every interaction of the mail is stored: a disposition published before them
        // would bring back a MailArchived with no interaction to give the link to.
        store.queueDisposition(message,
                outbox.entry(LogEvents.disposition(message.mail(), message.decision(), message.processedAt())), now);
        outbox.publish(InteractionDocument.COLLECTION, message.decision().interactionIds());
        outbox.publish(MessageDocument.COLLECTION, message.id());
        if (first) {
            countFirst(mail, decision);
        }
    }

    /** Records what the ingestor did with a mail and gives its interactions the link that results. */
    public void recordOutcome(Contract outcome) {
        Instant now = clock.instant();
        String key;
        MailboxReport report;
        if (outcome instanceof MailArchived archived) {
            key = MailKeys.of(archived.connectionId(), archived.internetMessageId());
            report = MailboxReport.archived(archived.webLink(), archived.folder(), archived.immutableId(),
                    archived.messageId());
        } else if (outcome instanceof MailDeleted deleted) {
            key = MailKeys.of(deleted.connectionId(), deleted.internetMessageId());
            boolean logged = store.findMessage(key).map(message -> message.decision().isLogged()).orElse(false);
            report = MailboxReport.deleted(deleted.reason(), deleted.immutableId(), logged);
        } else if (outcome instanceof MailDispositionFailed failed) {
            key = MailKeys.of(failed.connectionId(), failed.internetMessageId());
            report = MailboxReport.failed(failed.reason(), failed.immutableId(),
                    failed.requested() == Disposition.ARCHIVE);
        } else {
            throw new PoisonMessageException(outcome.getClass().getSimpleName()
                    + " is not an outcome of a mail disposition");
        }
        MessageDocument updated = store.recordReport(key, report, now).orElseThrow(() -> new IllegalStateException(
                "no mail " + outcome.aggregateId() + " was matched here, so its outcome has nothing to update"));
        metrics.filed(updated.filing().state());
        if (updated.decision().isLogged()) {
            changeLinks(updated, outcome.eventId().toString(), now);
        }
    }

    /** Points the promoted interaction to its opportunity and tells subscribers, once per opportunity. */
    public void linkOpportunity(OpportunityCreated created) {
        Interaction interaction = store.findInteraction(created.interactionId())
                .orElseThrow(() -> new IllegalStateException("opportunity " + created.opportunityId()
                        + " names interaction " + created.interactionId() + ", which is not in the log"));
        // The opportunity's own time is the link's; MongoDB keeps milliseconds, and the event must carry
        // the time the log stores.
        Interaction.OpportunityLink link = new Interaction.OpportunityLink(created.opportunityId(), created.number(),
                created.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        store.linkOpportunity(interaction.id(), link,
                outbox.entry(LogEvents.linkedToOpportunity(interaction.id(), interaction.pair().contactId(), link)));
        outbox.publish(InteractionDocument.COLLECTION, interaction.id());
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

    private List<InteractionDocument> logged(List<Interaction> interactions) {
        return interactions.stream()
                .map(interaction -> InteractionDocument.logged(interaction, outbox.entry(LogEvents.logged(interaction))))
                .toList();
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
