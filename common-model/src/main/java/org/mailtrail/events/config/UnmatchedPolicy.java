package org.mailtrail.events.config;

/** What happens to a mail that is not logged. */
public enum UnmatchedPolicy {
    /** Moved to Deleted Items, as Business Central does. */
    DELETE,
    /** Left in the Inbox. */
    LEAVE
}
