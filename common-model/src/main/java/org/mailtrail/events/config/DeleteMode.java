package org.mailtrail.events.config;

/** How a mail that is not logged is deleted, when the connection deletes it ({@link UnmatchedPolicy#DELETE}). */
public enum DeleteMode {
    /** Moved to Deleted Items, where every user of the mailbox still finds it and can move it back. */
    MOVE_TO_DELETED_ITEMS,
    /** Soft-deleted into Recoverable Items: out of every folder, recoverable for the mailbox's retention period. */
    SOFT_DELETE,
    /** Deleted for good (Graph's permanentDelete): gone for users and not recoverable by them. */
    PERMANENT_DELETE
}
