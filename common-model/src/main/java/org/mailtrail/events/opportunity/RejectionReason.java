package org.mailtrail.events.opportunity;

/** Why a promotion was refused. */
public enum RejectionReason {
    /** The interaction was not known, even after waiting for the log to catch up. */
    INTERACTION_NOT_FOUND,
    /** The command asked for something impossible (e.g. a probability above 100). */
    INVALID_COMMAND
}
