package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/** A won or lost opportunity is a record of what happened; it is not changed any more. */
public class OpportunityClosedException extends ProblemException {

    public OpportunityClosedException(String number, OpportunityStatus status) {
        super(OpportunityProblems.OPPORTUNITY_CLOSED,
                "opportunity " + number + " is " + status + " and can no longer be changed");
    }
}
