package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A mail that was not logged was moved to the connection's hold folder, where it waits to be matched again when
 * the directory changes, until the connection's retention period ends.
 *
 * @param messageId the mail's regular id after the move
 * @param folder the hold folder's display name
 * @param webLink opens the mail in the hold folder
 * @param dispositionId the eventId of the {@code MailDispositionRequested} this carried out
 */
public record MailHeld(
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

    public static final String TYPE = "org.mailtrail.mail.MailHeld.v1";

    public MailHeld {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String aggregateId() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
