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
 * @param folder where a {@link Disposition#HOLD} moves the mail: the display name of the connection's hold folder
 * @param currentFolder where the mail is now, when not in the connection's source folder (a held mail is in the
 *        hold folder); a delete that is scoped to a folder looks there
 */
public record MailDispositionRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String immutableId,
        Disposition disposition,
        String reason,
        String folder,
        String currentFolder) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailDispositionRequested.v1";

    public MailDispositionRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(immutableId, "immutableId");
        Objects.requireNonNull(disposition, "disposition");
        if (disposition == Disposition.HOLD && (folder == null || folder.isBlank())) {
            throw new IllegalArgumentException("a HOLD names the folder it moves the mail to");
        }
    }

    /** A disposition of the mail where it was received, as every disposition was before hold folders. */
    public MailDispositionRequested(UUID eventId, Instant occurredAt, int schemaVersion, String connectionId,
            String internetMessageId, String immutableId, Disposition disposition, String reason) {
        this(eventId, occurredAt, schemaVersion, connectionId, internetMessageId, immutableId, disposition, reason,
                null, null);
    }

    @Override
    public String aggregateId() {
        return connectionId;
    }
}
