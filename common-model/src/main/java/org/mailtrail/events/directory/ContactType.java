package org.mailtrail.events.directory;

/** A contact is a person, or a company that persons belong to. */
public enum ContactType {
    PERSON,
    COMPANY
}
