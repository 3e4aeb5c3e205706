package org.mailtrail.ingestor.connection.domain;

/** Why a connection's work stops; what happens to its subscription and sync state depends on it. */
public enum StopReason {
    /** A newer revision replaces it and is started right after. */
    REPLACED,
    /** Switched off: the subscription is deleted, the sync state kept for when it is switched on again. */
    DISABLED,
    /** Deleted: the subscription and the sync state go. */
    DELETED,
    /** This instance shuts down and gives the lease up: everything stays as it is. */
    SHUTDOWN,
    /**
     * Another instance holds the lease now, or this one can no longer be sure that it does (a renewal found another
     * owner, a write under its epoch was refused, the lease went unrenewed too long): everything stays as it is, and
     * nothing more is done or published for the connection here.
     */
    LEASE_LOST
}
