package org.mailtrail.matcher.ledger.store;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A MailReceived record that went to the dead-letter topic.
 *
 * @param id the record's key (connectionId/internetMessageId), or its position when it had no key
 * @param reason the exception message the binder put on the dead letter
 */
@Document(FailedMail.COLLECTION)
public record FailedMail(@Id String id, String connectionId, String reason, String exceptionType, Instant failedAt) {

    public static final String COLLECTION = "failedMails";
}
