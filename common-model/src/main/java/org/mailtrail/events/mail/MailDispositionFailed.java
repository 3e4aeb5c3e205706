package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A requested disposition could not be carried out. When archiving fails the ingestor falls back
 * to deleting, as Business Central does, and the interaction then keeps a note that no link exists.
 *
 * @param fallback what was done instead, absent when nothing could be done
 * @param dispositionId the eventId of the {@code MailDispositionRequested} this carried out; absent from a
 *        record of an earlier version, which answered the mail's first disposition
 */
public record MailDispositionFailed(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String immutableId,
        Disposition requested,
        Disposition fallback,
        String reason,
        UUID dispositionId) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailDispositionFailed.v1";

    public MailDispositionFailed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String aggregateId() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
