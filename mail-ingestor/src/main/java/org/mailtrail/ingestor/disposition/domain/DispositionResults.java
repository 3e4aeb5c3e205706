package org.mailtrail.ingestor.disposition.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mailtrail.events.Contract;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.platform.messaging.OutageRetry;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How every executor (Graph's {@link DispositionBatches}, IMAP's) settles a batch's commands: a command done is marked so together with its result event (ids derived from the
 * command, so a repeat is the same event), published once the batch is through; a server error counts an attempt,
 * an ARCHIVE that cannot be carried out falls back to DELETE, a HOLD never does.
 */
@Component
public class DispositionResults {

    private static final Logger log = LoggerFactory.getLogger(DispositionResults.class);

    private final DispositionStore store;
    private final Outbox outbox;
    private final OutageRetry outages;
    private final DispositionMetrics metrics;
    private final IngestorProperties.Dispositions settings;
    private final Clock clock;

    public DispositionResults(DispositionStore store, Outbox outbox, OutageRetry outages, DispositionMetrics metrics,
            IngestorProperties properties, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.outages = outages;
        this.metrics = metrics;
        this.settings = properties.dispositions();
        this.clock = clock;
    }

    /** The settlement of one batch of the connection's commands. */
    public Settlement settle(FollowedConnection connection, Ownership owner) {
        return new Settlement(connection, owner);
    }

    public final class Settlement {
        private final FollowedConnection connection;
        private final Ownership owner;
        private final List<String> done = new ArrayList<>();

        private Settlement(FollowedConnection connection, Ownership owner) {
            this.connection = connection;
            this.owner = owner;
        }

        /** The mail is in the archive folder now, known there by these ids and link. */
        public void archived(PendingDisposition item, String immutableId, String messageId, String folder,
                String webLink) {
            finish(item, new MailArchived(EventIds.of(MailArchived.TYPE, item.commandId()), clock.instant(), 1,
                    item.connectionId(), item.internetMessageId(), immutableId, messageId, folder, webLink,
                    item.dispositionId()), "archived");
        }

        /** The mail is in the hold folder now. */
        public void held(PendingDisposition item, String immutableId, String messageId, String webLink) {
            finish(item, new MailHeld(EventIds.of(MailHeld.TYPE, item.commandId()), clock.instant(), 1,
                    item.connectionId(), item.internetMessageId(), immutableId, messageId, item.folder(),
                    webLink, item.dispositionId()), "held");
        }

        /** The mail is deleted as the connection's delete mode says (after a failed archive: as its fallback). */
        public void deleted(PendingDisposition item) {
            Instant now = clock.instant();
            if (item.fallbackReason() != null) {
                finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()), now,
                        1, item.connectionId(), item.internetMessageId(), item.immutableId(), item.requested(),
                        Disposition.DELETE, item.fallbackReason(), item.dispositionId()), "fallback_deleted");
            } else {
                finish(item, new MailDeleted(EventIds.of(MailDeleted.TYPE, item.commandId()), now, 1,
                        item.connectionId(), item.internetMessageId(), item.immutableId(), item.reason(),
                        item.dispositionId()), "deleted");
            }
        }

        /**
         * A command that cannot be carried out. Archiving falls back to deleting (when the mail is still there);
         * anything else is reported failed, a HOLD too: the mail was to be kept, and stays where it is.
         */
        public void gaveUp(PendingDisposition item, String reason, boolean mailStillThere) {
            if (item.action() == Disposition.ARCHIVE && mailStillThere) {
                log.info("archiving {} failed ({}); deleting it instead", item.internetMessageId(), reason);
                store.fallBackToDelete(owner, item.commandId(), "archiving failed: " + reason);
                return;
            }
            String why = item.fallbackReason() == null ? reason
                    : item.fallbackReason() + "; deleting failed too: " + reason;
            finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()),
                    clock.instant(), 1, item.connectionId(), item.internetMessageId(), item.immutableId(),
                    item.requested(), null, why, item.dispositionId()), "failed");
        }

        /** Archiving cannot work at all (no archive folder): the command is carried out as a DELETE instead. */
        public PendingDisposition fallBackToDelete(PendingDisposition item, String reason) {
            store.fallBackToDelete(owner, item.commandId(), reason);
            return item.fallingBackToDelete(reason);
        }

        /** A failure the server may get over: tried again later, given up once its attempts are used. */
        public void serverError(PendingDisposition item, String reason) {
            int attempts = item.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                gaveUp(item, reason + " (after " + attempts + " attempts)", true);
            } else {
                store.retryLater(owner, item.commandId(), attempts, clock.instant().plus(settings.retryDelay()));
            }
        }

        /** The batch could not be sent: tried again like a server error, reported failed without a fallback. */
        public void refused(PendingDisposition item, String reason) {
            int attempts = item.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()),
                        clock.instant(), 1, item.connectionId(), item.internetMessageId(), item.immutableId(),
                        item.requested(), null, reason + " (after " + attempts + " attempts)", item.dispositionId()),
                        "failed");
            } else {
                store.retryLater(owner, item.commandId(), attempts, clock.instant().plus(settings.retryDelay()));
            }
        }

        private void finish(PendingDisposition item, Contract result, String outcome) {
            // The mail has moved already: the record is written again while MongoDB is away, as for Graph.
            OutboxEntry entry = outbox.entry(result);
            outages.hold(() -> store.done(owner, item.commandId(), outcome, entry));
            done.add(item.commandId());
            metrics.count(outcome);
        }

        /** The results are stored already: what keeps one from the broker now, the outbox relay publishes later. */
        public void publishResults() {
            try {
                outbox.publish(DispositionStore.COLLECTION, done);
            } catch (RuntimeException e) {
                log.warn("disposition results of connection {} are left to the outbox relay: {}", connection.id(),
                        e.toString());
            }
        }
    }
}
