package org.mailtrail.matcher.interactionlog.domain;

/** Where a mail stands in the mailbox, as far as the matcher has heard. */
public enum MailState {
    /** A disposition was requested and nothing has come back yet. */
    REQUESTED,
    /** Not logged, and the connection says to leave such mail in the Inbox. */
    LEFT,
    /** Moved to the archive folder; its link is the fresh one. */
    ARCHIVED,
    /** Deleted as the connection's delete mode says: by default moved to Deleted Items. */
    DELETED,
    /** The requested disposition failed. */
    FAILED,
    /** In the connection's hold folder, waiting to be matched again. */
    HELD
}
