package org.mailtrail.events.mail;

/** What becomes of a mail in the shared mailbox once the matcher has looked at it. */
public enum Disposition {
    /** Logged: moved to the connection's archive folder. */
    ARCHIVE,
    /** Not logged: deleted as the connection's delete mode says, by default moved to Deleted Items. */
    DELETE,
    /** Not logged, and the connection says to leave such mail in place. */
    LEAVE,
    /**
     * Not logged for now: moved to the connection's hold folder (created when missing), where it waits for the
     * directory to change until the connection's retention period ends.
     */
    HOLD
}
