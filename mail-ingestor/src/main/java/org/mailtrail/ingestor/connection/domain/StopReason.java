package org.mailtrail.ingestor.connection.domain;

/** Why a connection's work stops; what happens to its subscription and sync state depends on it. */
public enum StopReason {
    /** A newer revision replaces it and is started right after. */
    REPLACED,
    /** Switched off: the subscription is deleted, the sync state kept for when it is switched on again. */
    DISABLED,
    /** Deleted: the subscription and the sync state go. */
    DELETED,
    /** This instance stops running it (it shuts down, or another instance holds the lease): everything stays as it is. */
    SHUTDOWN
}
