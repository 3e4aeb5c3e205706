package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A logged mail was moved to the archive folder. The move gave it a new regular id, so the
 * link that opens it is new too.
 *
 * @param dispositionId the eventId of the {@code MailDispositionRequested} this carried out; absent from a
 *        record of an earlier version, which answered the mail's first disposition
 */
public record MailArchived(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String immutableId,
        String messageId,
        String folder,
        String webLink,
        UUID dispositionId) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailArchived.v1";

    public MailArchived {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(webLink, "webLink");
    }

    @Override
    public String aggregateId() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
