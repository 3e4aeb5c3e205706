package org.mailtrail.ingestor.sync.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.graph.GraphIds;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;

/**
 * Turns a message of a delta page into {@code MailReceived}. The sender is Graph's {@code sender} (who sent),
 * kept apart from {@code from} (on whose behalf); only To and Cc are carried, never Bcc; the id is the immutable
 * one, since the delta is asked for immutable ids. The event id depends on the connection, the internetMessageId
 * and the immutable id: reading the same message again yields the same event, while a second copy of a mail
 * delivered into the mailbox (the same internetMessageId, a message of its own) is a fact of its own.
 *
 * <p>{@code inReplyTo} and {@code references} stay empty: they live in {@code internetMessageHeaders}, which
 * Microsoft documents as returned on a {@code $select} of a get-message request, and says nothing about for a
 * delta round (see the README).
 */
public final class MailMapper {

    /** The properties a round asks for: what the matcher needs, and never {@code bccRecipients}. */
    public static final String[] SELECT = { "internetMessageId", "conversationId", "sender", "from", "toRecipients",
            "ccRecipients", "subject", "sentDateTime", "receivedDateTime", "isDraft", "bodyPreview", "hasAttachments",
            "webLink" };

    private MailMapper() {
    }

    /** The event for a message; empty for a removal or for a message without an internetMessageId (a draft). */
    public static Optional<MailReceived> toMailReceived(String connectionId, Message message, Instant now) {
        if (message.getId() == null || message.getAdditionalData().containsKey("@removed")
                || message.getInternetMessageId() == null) {
            return Optional.empty();
        }
        return Optional.of(new MailReceived(
                EventIds.of(MailReceived.TYPE, connectionId, message.getInternetMessageId(), message.getId()),
                now,
                1,
                connectionId,
                message.getInternetMessageId(),
                GraphIds.regularIdFromWebLink(message.getWebLink()),
                message.getId(),
                message.getConversationId(),
                address(message.getSender()),
                address(message.getFrom()),
                addresses(message.getToRecipients()),
                addresses(message.getCcRecipients()),
                message.getSubject(),
                instant(message.getSentDateTime()),
                instant(message.getReceivedDateTime()),
                Boolean.TRUE.equals(message.getIsDraft()),
                message.getBodyPreview(),
                Boolean.TRUE.equals(message.getHasAttachments()),
                message.getWebLink(),
                null,
                List.of()));
    }

    private static EmailAddress address(Recipient recipient) {
        if (recipient == null || recipient.getEmailAddress() == null
                || recipient.getEmailAddress().getAddress() == null) {
            return null;
        }
        return new EmailAddress(recipient.getEmailAddress().getName(), recipient.getEmailAddress().getAddress());
    }

    private static List<EmailAddress> addresses(List<Recipient> recipients) {
        return recipients == null ? List.of()
                : recipients.stream().map(MailMapper::address).filter(Objects::nonNull).toList();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
