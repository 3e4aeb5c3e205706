package org.mailtrail.matcher.ledger.domain;

/**
 * A MailReceived record as the dead-letter topic holds it: only its key and what the binder added
 * are read, so a record that could never be decoded is accounted for too.
 *
 * @param key the record's key, connectionId/internetMessageId; absent when the producer gave none
 * @param position where the record was on its original topic, {@code topic-partition@offset}
 * @param reason the exception message the binder put on the dead letter
 * @param exceptionType the class of that exception
 */
public record DeadLetter(String key, String position, String reason, String exceptionType) {
}
