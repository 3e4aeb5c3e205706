package org.mailtrail.ingestor.disposition.domain;

import java.time.Instant;
import java.util.UUID;

import org.mailtrail.events.mail.Disposition;

/**
 * A command not yet carried out.
 *
 * @param commandId the command's event id, which its result carries as {@code dispositionId}
 * @param folder where a HOLD moves the mail: the display name of a top-level folder, made when missing
 * @param currentFolder where the mail is now when not in the connection's source folder (the hold folder): a
 *        delete scoped to a folder looks there instead
 * @param fallbackReason set when archiving failed for good: the mail is then deleted instead, and this says why
 * @param attempts tries that failed with a server error (a throttled or skipped try does not count)
 * @param notBefore not tried again before this, after a server error
 */
public record PendingDisposition(String commandId, String connectionId, String internetMessageId, String immutableId,
        Disposition requested, String reason, String folder, String currentFolder, String fallbackReason,
        int attempts, Instant notBefore, Instant receivedAt) {

    /** What is done now: what was asked, or DELETE once archiving failed. */
    public Disposition action() {
        return fallbackReason != null ? Disposition.DELETE : requested;
    }

    /** The command this is, as its results name it. */
    public UUID dispositionId() {
        return UUID.fromString(commandId);
    }

    /** The same command, to be deleted instead for {@code why}, with its attempts counted afresh. */
    public PendingDisposition fallingBackToDelete(String why) {
        return new PendingDisposition(commandId, connectionId, internetMessageId, immutableId, requested, reason,
                folder, currentFolder, why, 0, null, receivedAt);
    }
}
