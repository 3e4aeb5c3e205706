package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * The matcher's decision about a mail. Keyed by connectionId, so one ingestor instance sees all
 * of a mailbox's requests and can batch the moves.
 *
 * @param reason why, in words an operator understands (e.g. "logged 2 interactions", "unknown sender")
 */
public record MailDispositionRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String immutableId,
        Disposition disposition,
        String reason) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailDispositionRequested.v1";

    public MailDispositionRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(immutableId, "immutableId");
        Objects.requireNonNull(disposition, "disposition");
    }

    @Override
    public String aggregateId() {
        return connectionId;
    }
}
