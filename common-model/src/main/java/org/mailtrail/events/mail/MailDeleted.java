package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A mail was deleted as its connection's delete mode says (by default moved to Deleted Items): it was not logged,
 * or archiving it failed.
 *
 * @param dispositionId the eventId of the {@code MailDispositionRequested} this carried out; absent from a
 *        record of an earlier version, which answered the mail's first disposition
 */
public record MailDeleted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String immutableId,
        String reason,
        UUID dispositionId) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailDeleted.v1";

    public MailDeleted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
    }

    @Override
    public String aggregateId() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
