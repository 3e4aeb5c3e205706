package org.mailtrail.matcher.ledger.domain;

import java.time.Instant;

import org.mailtrail.matcher.interactionlog.domain.FailedDisposition;
import org.mailtrail.matcher.ledger.store.FailedMail;

/**
 * One failed mail of a connection, and why it failed. Only what identifies the mail to an operator is given, never
 * its subject or participants: the ledger's readers are administrators, who do not read the log.
 *
 * @param id the mail's key, connectionId/internetMessageId; for a dead letter without a key, where its record was
 *        on the topic ({@code topic-partition@offset})
 * @param internetMessageId absent for a dead letter without a key
 * @param stage where it failed: {@code PROCESSING} is counted in the ledger's {@code failed}, {@code MAILBOX} in its
 *        {@code mailbox.FAILED}
 * @param cause the exception message of the dead letter, or the ingestor's reason
 * @param exceptionType the class of the exception, for {@code PROCESSING}
 * @param requested the disposition that could not be carried out, for {@code MAILBOX}
 * @param failedAt when the dead letter was read, or when the ingestor reported the failure
 */
public record MailFailure(String id, String internetMessageId, Stage stage, String cause, String exceptionType,
        String requested, Instant failedAt) {

    public enum Stage {
        /** The matcher could not process the mail: it went to the dead-letter topic and has not been matched since. */
        PROCESSING,
        /** The mail was matched, but the ingestor could not archive or delete it as asked. */
        MAILBOX
    }

    static MailFailure processing(FailedMail failure) {
        int slash = failure.id().indexOf('/');
        boolean keyed = !CompletenessLedger.UNKNOWN_CONNECTION.equals(failure.connectionId()) && slash > 0;
        return new MailFailure(failure.id(), keyed ? failure.id().substring(slash + 1) : null, Stage.PROCESSING,
                failure.reason(), failure.exceptionType(), null, failure.failedAt());
    }

    static MailFailure mailbox(FailedDisposition failure) {
        return new MailFailure(failure.mailKey(), failure.internetMessageId(), Stage.MAILBOX, failure.reason(), null,
                failure.requested() == null ? null : failure.requested().name(), failure.reportedAt());
    }
}
