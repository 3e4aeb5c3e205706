package org.mailtrail.console.services;

import java.time.Instant;

/**
 * One failed mail of a connection and its cause, named by its ids only.
 *
 * @param id the mail's key (connectionId/internetMessageId), or where its record was on the topic when it had none
 * @param internetMessageId absent for a record without a key
 * @param stage {@code PROCESSING}: the matcher could not process it; {@code MAILBOX}: the ingestor could not archive
 *        or delete it
 * @param cause the exception message, or the ingestor's reason
 * @param exceptionType for {@code PROCESSING}
 * @param requested the disposition that could not be carried out, for {@code MAILBOX}
 */
public record FailedMail(String id, String internetMessageId, String stage, String cause, String exceptionType,
        String requested, Instant failedAt) {

    public boolean inMailbox() {
        return "MAILBOX".equals(stage);
    }
}
