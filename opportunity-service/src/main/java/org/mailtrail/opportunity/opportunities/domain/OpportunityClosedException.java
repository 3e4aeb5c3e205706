package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.events.opportunity.OpportunityStatus;

/** A won or lost opportunity is a record of what happened; it is not changed any more. */
public class OpportunityClosedException extends RuntimeException {

    public OpportunityClosedException(String number, OpportunityStatus status) {
        super("opportunity " + number + " is " + status + " and can no longer be changed");
    }
}
