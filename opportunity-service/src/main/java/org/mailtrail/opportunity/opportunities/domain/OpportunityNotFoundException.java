package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No opportunity has this id. */
public class OpportunityNotFoundException extends ProblemException {

    public OpportunityNotFoundException(String id) {
        super(OpportunityProblems.OPPORTUNITY_NOT_FOUND, "no opportunity " + id);
    }
}
