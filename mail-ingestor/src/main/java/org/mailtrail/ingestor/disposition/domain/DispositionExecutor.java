package org.mailtrail.ingestor.disposition.domain;

import java.util.List;

import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;

/**
 * Carries out a batch of one connection's commands against its mailbox, for the kinds of connection it
 * {@link #carriesOut}: Graph's {@code $batch} ({@link DispositionBatches}), or IMAP's MOVE. Every executor settles
 * each command with the same result events and bookkeeping ({@link DispositionResults}).
 */
public interface DispositionExecutor {

    /** Whether this executor works the connection's mailbox. */
    boolean carriesOut(FollowedConnection connection);

    /** How many commands go into one batch at most. */
    int itemsPerBatch();

    /** How many commands go into the connection's next batch. */
    default int itemsPerBatch(FollowedConnection connection) {
        return itemsPerBatch();
    }

    /** Carries the batch out; a runtime exception means none of it was, and every command is tried again later. */
    void run(FollowedConnection connection, Ownership owner, List<PendingDisposition> due);

    /** A batch that could not even be sent: each command counts an attempt, and fails once its attempts are used. */
    void failedAsAWhole(FollowedConnection connection, Ownership owner, List<PendingDisposition> items, String reason);
}
