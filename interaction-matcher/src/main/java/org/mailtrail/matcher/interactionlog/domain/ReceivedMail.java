package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;

import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;

/**
 * A mail as {@code MailReceived} described it, as far as the log keeps it.
 *
 * @param immutableId the mail's Graph id that survives a move; the ingestor reports a new one if it changes
 * @param messageId the mail's Graph id, which changes when the mail moves
 * @param sender the address of the participant who sent the mail
 * @param eventOccurredAt the time of the MailReceived event
 */
public record ReceivedMail(
        String connectionId,
        String internetMessageId,
        String immutableId,
        String messageId,
        String conversationId,
        String subject,
        String sender,
        Instant sentAt,
        Instant receivedAt,
        boolean hasAttachments,
        Instant eventOccurredAt) {

    public static ReceivedMail of(MailReceived mail) {
        return new ReceivedMail(mail.connectionId(), mail.internetMessageId(), mail.immutableId(), mail.messageId(),
                mail.conversationId(), mail.subject(), mail.sender() == null ? null : mail.sender().address(),
                mail.sentDateTime(), mail.receivedDateTime(), mail.hasAttachments(), mail.occurredAt());
    }

    /** The mail's Kafka key and the id of its record in the log: connectionId/internetMessageId. */
    public String key() {
        return MailKeys.of(connectionId, internetMessageId);
    }
}
