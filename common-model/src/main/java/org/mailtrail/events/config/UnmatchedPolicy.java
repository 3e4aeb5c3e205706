package org.mailtrail.events.config;

/** What happens to a mail that is not logged. */
public enum UnmatchedPolicy {
    /** Deleted as the connection's {@link DeleteMode} says: moved to Deleted Items unless it says otherwise. */
    DELETE,
    /** Left in the Inbox. */
    LEAVE
}
