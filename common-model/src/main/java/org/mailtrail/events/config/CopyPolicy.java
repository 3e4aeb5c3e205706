package org.mailtrail.events.config;

/**
 * What becomes of a further copy of a mail already received (the same internetMessageId delivered again: it
 * matched two mail-flow rules, was resent or restored). Every copy is counted; it never makes interactions of its
 * own.
 */
public enum CopyPolicy {
    /** Disposed of like the first copy: archived beside it when logged, held or deleted with it when not. */
    LIKE_FIRST,
    /** Deleted as the connection's delete mode says, whatever became of the first copy. */
    DELETE
}
