package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Filing;
import org.mailtrail.matcher.interactionlog.domain.MailDecision;
import org.mailtrail.matcher.interactionlog.domain.ReceivedMail;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * One mail in one flat document: what it was, what the rules decided, where it stands in the
 * mailbox, and the disposition it still owes. Its id is the mail's Kafka key,
 * connectionId/internetMessageId.
 *
 * @param processedAt when the mail was decided
 * @param updatedAt when the ingestor last reported on it
 * @param dispositionQueuedAt when the disposition went into the outbox: only once the mail's
 *        interactions are stored, so that no disposition is ever published for interactions that do
 *        not exist yet; null until then
 */
@Document(MessageDocument.COLLECTION)
public record MessageDocument(
        @Id String id,
        @Unwrapped.Empty ReceivedMail mail,
        @Unwrapped.Empty MailDecision decision,
        @Unwrapped.Empty Filing filing,
        Instant processedAt,
        Instant updatedAt,
        Instant dispositionQueuedAt,
        List<OutboxEntry> outbox) {

    public static final String COLLECTION = "messages";

    public MessageDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** A mail decided just now; its disposition is queued once its interactions are stored. */
    public static MessageDocument decided(ReceivedMail mail, MailDecision decision, String inboxLink, Instant at) {
        return new MessageDocument(mail.key(), mail, decision, Filing.decided(decision, inboxLink), at, at, null,
                List.of());
    }
}
