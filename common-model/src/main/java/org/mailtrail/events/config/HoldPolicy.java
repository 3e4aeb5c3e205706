package org.mailtrail.events.config;

import java.time.Duration;

/**
 * Whether mail that is not logged is held, in a folder of the mailbox, so it can still be logged when the
 * directory learns its participants; after {@code retention} the connection's {@link UnmatchedPolicy} applies.
 * Only mail a directory change can make loggable is held (an unknown sender, a contact writing to no salesperson,
 * a salesperson writing to no contact); drafts, internal mail and blocked mail are disposed of at once.
 *
 * @param folder the hold folder's display name, created at the top of the mailbox when missing
 */
public record HoldPolicy(boolean enabled, String folder, Duration retention) {

    public static final String DEFAULT_FOLDER = "Not logged";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Holding on, into "Not logged", for 30 days. */
    public static final HoldPolicy DEFAULT = new HoldPolicy(true, DEFAULT_FOLDER, DEFAULT_RETENTION);
    /** Not holding: unmatched mail is disposed of at once, as before hold folders existed. */
    public static final HoldPolicy OFF = new HoldPolicy(false, DEFAULT_FOLDER, DEFAULT_RETENTION);

    public HoldPolicy {
        folder = folder == null || folder.isBlank() ? DEFAULT_FOLDER : folder;
        retention = retention == null ? DEFAULT_RETENTION : retention;
    }
}
