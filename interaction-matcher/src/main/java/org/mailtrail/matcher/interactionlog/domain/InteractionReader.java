package org.mailtrail.matcher.interactionlog.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.matcher.ingestor.IngestorLinkClient;
import org.mailtrail.matcher.interactionlog.store.InteractionQueries;
import org.mailtrail.matcher.interactionlog.store.LogCounts;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.platform.web.Cursor;
import org.springframework.stereotype.Service;

/** Reads the interaction log: for the query API, for the link to a mail, and counted for the ledger. */
@Service
public class InteractionReader {

    private final InteractionQueries queries;
    private final LogStore store;
    private final LogCounts counts;
    private final IngestorLinkClient ingestor;
    private final LogMetrics metrics;

    public InteractionReader(InteractionQueries queries, LogStore store, LogCounts counts, IngestorLinkClient ingestor,
            LogMetrics metrics) {
        this.queries = queries;
        this.store = store;
        this.counts = counts;
        this.ingestor = ingestor;
        this.metrics = metrics;
    }

    /** Up to {@code limit} + 1 interactions after the cursor, newest first: one more tells that another page follows. */
    public List<Interaction> find(InteractionFilter filter, Cursor after, int limit) {
        return queries.find(filter, after, limit);
    }

    /**
     * Up to {@code limit} + 1 of a contact's conversations after the cursor, the most recently active first, of the
     * interactions the viewer may see.
     */
    public List<Conversation> timeline(String contactId, Viewer viewer, Cursor after, int limit) {
        return queries.timeline(contactId, viewer, after, limit);
    }

    /** An interaction the viewer may see; one it may not see is not found, as one that does not exist. */
    public Interaction interaction(String id, Viewer viewer) {
        return store.findInteraction(id).filter(viewer::sees)
                .orElseThrow(() -> new InteractionNotFoundException(id));
    }

    /** Whether the viewer may see any interaction with this contact (or, for a company, with its persons). */
    public boolean seesAnyWith(String contactId, Viewer viewer) {
        return viewer.all() || !queries.timeline(contactId, viewer, null, 1).isEmpty();
    }

    /**
     * The link that opens an interaction's mail: a fresh one from mail-ingestor, since a mail's link
     * changes when it moves and Outlook's links expire; the stored one when the ingestor does not answer
     * in time.
     *
     * @throws MailLinkNotFoundException when no link exists, with the reason
     */
    public String linkToMail(String id, Viewer viewer) {
        Interaction interaction = interaction(id, viewer);
        Interaction.Link link = interaction.link();
        if (link.linkNote() != null) {
            throw new MailLinkNotFoundException(link.linkNote());
        }
        Optional<MessageDocument> message = store.findMessage(interaction.mail().messageKey());
        Optional<String> fresh = message.filter(m -> m.mail().immutableId() != null)
                .flatMap(m -> ingestor.freshLink(m.mail().connectionId(), m.mail().immutableId()));
        String stored = link.webLink() != null ? link.webLink()
                : message.map(m -> m.filing().webLink()).orElse(null);
        metrics.linkServed(fresh.isPresent() ? "ingestor" : stored != null ? "stored" : "none");
        return fresh.or(() -> Optional.ofNullable(stored))
                .orElseThrow(() -> new MailLinkNotFoundException("no link to the mail of interaction " + id));
    }

    /** The log's counts of every connection that has received mail, or of the one named. */
    public Map<String, MailCounts> mailCounts(String connectionId) {
        return counts.byConnection(connectionId);
    }

    /** Up to {@code limit} + 1 of a connection's mails whose disposition failed, after the cursor, the latest first. */
    public List<FailedDisposition> failedDispositions(String connectionId, Cursor after, int limit) {
        return queries.failedDispositions(connectionId, after, limit);
    }

    /** Those of the mails (by key, connectionId/internetMessageId) that have been matched. */
    public Set<String> matched(Collection<String> mailKeys) {
        return counts.matched(mailKeys);
    }
}
