package org.mailtrail.events.interaction;

/** Who initiated the interaction. */
public enum Direction {
    /** A contact wrote to a salesperson. */
    INBOUND,
    /** A salesperson wrote to a contact. */
    OUTBOUND
}
