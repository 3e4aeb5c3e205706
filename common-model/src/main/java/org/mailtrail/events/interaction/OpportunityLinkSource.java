package org.mailtrail.events.interaction;

/** Why an interaction points to an opportunity. */
public enum OpportunityLinkSource {
    /** The opportunity was created from this interaction. */
    PROMOTION,
    /**
     * A later mail of the promoted interaction's conversation with the same contact, linked while the opportunity is
     * open.
     */
    CONVERSATION
}
