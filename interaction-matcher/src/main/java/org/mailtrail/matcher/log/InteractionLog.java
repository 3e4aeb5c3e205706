package org.mailtrail.matcher.log;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.mailtrail.events.Contract;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.matcher.connection.domain.ConnectionSettings;
import org.mailtrail.matcher.connection.store.ConnectionSettingsStore;
import org.mailtrail.matcher.directory.domain.AddressIndex;
import org.mailtrail.matcher.log.domain.LinkNotes;
import org.mailtrail.matcher.log.domain.MailState;
import org.mailtrail.matcher.log.domain.Pending;
import org.mailtrail.matcher.log.store.InteractionDocument;
import org.mailtrail.matcher.log.store.LogStore;
import org.mailtrail.matcher.log.store.MessageDocument;
import org.mailtrail.matcher.matching.domain.Match;
import org.mailtrail.matcher.matching.domain.MatchingRules;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.springframework.stereotype.Service;

/**
 * Writes the interaction log. Each input may arrive more than once; each method is written so that
 * a repeat changes nothing and republishes only what the first attempt could not confirm.
 */
@Service
public class InteractionLog {

    private final MatchingRules rules;
    private final ConnectionSettingsStore connections;
    private final LogStore store;
    private final PendingPublications publications;
    private final LogMetrics metrics;
    private final Clock clock;

    public InteractionLog(AddressIndex directory, ConnectionSettingsStore connections, LogStore store,
            PendingPublications publications, LogMetrics metrics, Clock clock) {
        this.rules = new MatchingRules(directory);
        this.connections = connections;
        this.store = store;
        this.publications = publications;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Matches a mail and stores the decision, unless one is stored already: a mail seen before keeps
     * its first decision, whatever the directory says now. Then publishes whatever the mail still
     * owes: its InteractionLogged events, then its one disposition.
     */
    public void record(MailReceived mail) {
        Instant now = now();
        ConnectionSettings settings = connections.settingsFor(mail.connectionId());
        // Matching is in memory and cheap; trying the insert first saves a lookup for every new mail.
        MessageDocument message = MessageDocument.decided(mail, rules.match(mail, settings.policy()),
                settings.unmatchedPolicy(), now);
        boolean first = store.insertMessage(message);
        List<InteractionDocument> interactions;
        if (first) {
            interactions = InteractionDocument.of(message);
            store.insertAll(interactions);
        } else {
            message = store.findMessage(message.id()).orElseThrow();
            List<InteractionDocument> decided = InteractionDocument.of(message);
            store.insertMissing(decided);
            interactions = store.owing(decided.stream().map(InteractionDocument::id).toList(), Pending.LOGGED);
        }
        publications.publishLogged(interactions);
        if (message.isPending(Pending.DISPOSITION)) {
            publications.publishDisposition(message);
        }
        if (first) {
            countFirst(mail, message);
        }
    }

    /** Records what the ingestor did with a mail and gives its interactions the link that results. */
    public void recordOutcome(Contract outcome) {
        Instant now = now();
        Optional<MessageDocument> message;
        String cause = outcome.eventId().toString();
        if (outcome instanceof MailArchived archived) {
            message = store.recordState(key(archived.connectionId(), archived.internetMessageId()), MailState.ARCHIVED,
                    null, archived.webLink(), null, archived.folder(), archived.immutableId(), archived.messageId(), now);
        } else if (outcome instanceof MailDeleted deleted) {
            String key = key(deleted.connectionId(), deleted.internetMessageId());
            // A logged mail is only ever deleted because archiving it failed: Business Central's note applies.
            boolean archiveWasRequested = store.findMessage(key).map(MessageDocument::isLogged).orElse(false);
            message = store.recordState(key, MailState.DELETED, deleted.reason(), null,
                    archiveWasRequested ? LinkNotes.NO_LINK : null, null, deleted.immutableId(), null, now);
        } else if (outcome instanceof MailDispositionFailed failed) {
            boolean archiveFailed = failed.requested() == Disposition.ARCHIVE;
            message = store.recordState(key(failed.connectionId(), failed.internetMessageId()), MailState.FAILED,
                    failed.reason(), null, archiveFailed ? LinkNotes.NO_LINK : null, null, failed.immutableId(), null,
                    now);
        } else {
            throw new PoisonMessageException(outcome.getClass().getSimpleName()
                    + " is not an outcome of a mail disposition");
        }
        MessageDocument updated = message.orElseThrow(() -> new IllegalStateException(
                "no mail " + outcome.aggregateId() + " was matched here, so its outcome has nothing to update"));
        metrics.filed(updated.state());
        if (updated.isLogged()) {
            store.changeLinks(updated.interactionIds(), updated.linkNote() == null ? updated.webLink() : null,
                    updated.linkNote(), cause, now);
            publications.publishLinks(store.owing(updated.interactionIds(), Pending.LINK));
        }
    }

    /** Points the promoted interaction to its opportunity and tells subscribers, once per opportunity. */
    public void linkOpportunity(OpportunityCreated created) {
        InteractionDocument interaction = store.linkOpportunity(created.interactionId(), created.opportunityId(),
                created.number(), created.occurredAt().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> new IllegalStateException("opportunity " + created.opportunityId()
                        + " names interaction " + created.interactionId() + ", which is not in the log"));
        if (interaction.isPending(Pending.OPPORTUNITY)) {
            publications.publishOpportunityLinks(List.of(interaction));
        }
    }

    private void countFirst(MailReceived mail, MessageDocument message) {
        metrics.processed(mail, message.isLogged(), clock.instant());
        if (message.isLogged()) {
            metrics.logged(message.direction(), message.interactionIds().size());
        } else {
            metrics.excluded(message.exclusionRule());
        }
    }

    private Instant now() {
        // MongoDB keeps milliseconds: an event rebuilt from a stored document must carry the same time.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String key(String connectionId, String internetMessageId) {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
