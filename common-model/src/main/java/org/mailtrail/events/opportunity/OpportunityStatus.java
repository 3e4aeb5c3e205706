package org.mailtrail.events.opportunity;

/** Where an opportunity stands; WON and LOST close it. */
public enum OpportunityStatus {
    NOT_STARTED,
    IN_PROGRESS,
    WON,
    LOST
}
