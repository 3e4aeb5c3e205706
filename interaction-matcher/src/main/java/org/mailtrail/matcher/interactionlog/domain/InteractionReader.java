package org.mailtrail.matcher.interactionlog.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.matcher.connection.domain.ConnectionPolicies;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.mailtrail.matcher.ingestor.IngestorContentClient;
import org.mailtrail.matcher.ingestor.IngestorLinkClient;
import org.mailtrail.matcher.ingestor.MailContent;
import org.mailtrail.matcher.ingestor.MailContentException;
import org.mailtrail.matcher.interactionlog.store.InteractionQueries;
import org.mailtrail.matcher.interactionlog.store.LogCounts;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.platform.web.Cursor;
import org.springframework.stereotype.Service;

/** Reads the interaction log: for the query API, for opening a mail, and counted for the ledger. */
@Service
public class InteractionReader {

    private final InteractionQueries queries;
    private final LogStore store;
    private final LogCounts counts;
    private final IngestorLinkClient ingestor;
    private final IngestorContentClient contents;
    private final ConnectionPolicies connections;
    private final LogMetrics metrics;

    public InteractionReader(InteractionQueries queries, LogStore store, LogCounts counts, IngestorLinkClient ingestor,
            IngestorContentClient contents, ConnectionPolicies connections, LogMetrics metrics) {
        this.queries = queries;
        this.store = store;
        this.counts = counts;
        this.ingestor = ingestor;
        this.contents = contents;
        this.connections = connections;
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
     * Where an interaction's mail is read from, as far as the interaction itself tells (its link once the ingestor
     * reported on the mail, else its connection's kind): whether the matcher opens it ({@link MailSource#IMAP}).
     */
    public MailSource source(Interaction interaction) {
        return MailSource.of(interaction.link().webLink(), kindOf(interaction.mail().connectionId()));
    }

    /**
     * Opens an interaction's mail for a viewer who may see the interaction (one it may not see is not found, as
     * one that does not exist). A Graph mail opens at a fresh link from mail-ingestor, since a mail's link changes
     * when it moves and Outlook's links expire, or at the stored one when the ingestor does not answer in time. An
     * IMAP mail has no link a browser opens: its content is asked of mail-ingestor, which reads it from the mail
     * server.
     *
     * @throws MailLinkNotFoundException when a Graph mail has no link, with the reason
     * @throws MailContentException when an IMAP mail's content cannot be had, typed by whose failure it is
     */
    public OpenedMail openMail(String id, Viewer viewer) {
        Interaction interaction = interaction(id, viewer);
        Optional<MessageDocument> message = store.findMessage(interaction.mail().messageKey());
        String stored = interaction.link().webLink() != null ? interaction.link().webLink()
                : message.map(m -> m.filing().webLink()).orElse(null);
        if (MailSource.of(stored, kindOf(interaction.mail().connectionId())) == MailSource.IMAP) {
            return new OpenedMail.AsContent(content(interaction, message));
        }
        return new OpenedMail.AtLink(webLink(interaction, message, stored));
    }

    private MailContent content(Interaction interaction, Optional<MessageDocument> message) {
        String immutableId = message.map(m -> m.mail().immutableId())
                .orElseThrow(() -> new MailLinkNotFoundException("no record of the mail of interaction "
                        + interaction.id()));
        try {
            MailContent content = contents.content(interaction.mail().connectionId(), immutableId);
            metrics.mailOpened("content");
            return content;
        } catch (MailContentException e) {
            metrics.mailOpened(e.type().name());
            throw e;
        }
    }

    private String webLink(Interaction interaction, Optional<MessageDocument> message, String stored) {
        Interaction.Link link = interaction.link();
        if (link.linkNote() != null) {
            throw new MailLinkNotFoundException(link.linkNote());
        }
        Optional<String> fresh = message.filter(m -> m.mail().immutableId() != null)
                .flatMap(m -> ingestor.freshLink(m.mail().connectionId(), m.mail().immutableId()))
                .filter(MailSource::isWebLink);
        Optional<String> usable = Optional.ofNullable(stored).filter(MailSource::isWebLink);
        metrics.linkServed(fresh.isPresent() ? "ingestor" : usable.isPresent() ? "stored" : "none");
        return fresh.or(() -> usable)
                .orElseThrow(() -> new MailLinkNotFoundException("no link to the mail of interaction "
                        + interaction.id()));
    }

    private ConnectionKind kindOf(String connectionId) {
        return connections.find(connectionId).map(ConnectionPolicy::kind).orElse(null);
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
