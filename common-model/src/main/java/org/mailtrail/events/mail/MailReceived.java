package org.mailtrail.events.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A mail read from a connection's source folder, with everything the matcher needs. The same
 * mail may be read twice (a resync, a duplicated notification); its eventId is derived from the
 * connection and internetMessageId so that the repeat is recognisable. Bcc is deliberately absent.
 *
 * @param messageId Graph's regular id, which changes on every move
 * @param immutableId Graph's immutable id, stable within the mailbox
 * @param sender who sent the mail (decides the direction), which may differ from {@code from}
 * @param inReplyTo the {@code In-Reply-To} header: the internetMessageId this mail answers, where the source gives it
 * @param references the {@code References} header's internetMessageIds, oldest first, where the source gives them;
 *        with {@code inReplyTo} they place a mail in its conversation when {@code conversationId} is absent
 */
public record MailReceived(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String connectionId,
        String internetMessageId,
        String messageId,
        String immutableId,
        String conversationId,
        EmailAddress sender,
        EmailAddress from,
        List<EmailAddress> toRecipients,
        List<EmailAddress> ccRecipients,
        String subject,
        Instant sentDateTime,
        Instant receivedDateTime,
        boolean isDraft,
        String bodyPreview,
        boolean hasAttachments,
        String webLink,
        String inReplyTo,
        List<String> references) implements Contract {

    public static final String TYPE = "org.mailtrail.mail.MailReceived.v1";

    public MailReceived {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        Objects.requireNonNull(immutableId, "immutableId");
        toRecipients = toRecipients == null ? List.of() : List.copyOf(toRecipients);
        ccRecipients = ccRecipients == null ? List.of() : List.copyOf(ccRecipients);
        references = references == null ? List.of() : List.copyOf(references);
    }

    @Override
    public String aggregateId() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
