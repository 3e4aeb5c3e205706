package org.mailtrail.events.interaction;

/** How the contact of an interaction was found from a mail address. */
public enum MatchedBy {
    /** The contact's primary address. */
    PRIMARY,
    /** One of the contact's alternate addresses. */
    ALTERNATE,
    /** No contact had the address; the company contact owning its domain was taken. */
    DOMAIN
}
