package org.mailtrail.ingestor.disposition.domain;

import java.time.Instant;

import org.mailtrail.events.mail.Disposition;

/**
 * A command not yet carried out.
 *
 * @param fallbackReason set when archiving failed for good: the mail is then deleted instead, and this says why
 * @param attempts tries that failed with a server error (a throttled or skipped try does not count)
 * @param notBefore not tried again before this, after a server error
 */
public record PendingDisposition(String commandId, String connectionId, String internetMessageId, String immutableId,
        Disposition requested, String reason, String fallbackReason, int attempts, Instant notBefore,
        Instant receivedAt) {

    /** What is done now: what was asked, or DELETE once archiving failed. */
    public Disposition action() {
        return fallbackReason != null ? Disposition.DELETE : requested;
    }

    /** The same command, to be deleted instead for {@code why}, with its attempts counted afresh. */
    public PendingDisposition fallingBackToDelete(String why) {
        return new PendingDisposition(commandId, connectionId, internetMessageId, immutableId, requested, reason, why,
                0, null, receivedAt);
    }
}
