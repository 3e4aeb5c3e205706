package org.mailtrail.opportunity.opportunities.domain;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/** Someone else changed the opportunity between this request's read and its write. */
public class ConcurrentOpportunityChangeException extends ProblemException {

    public ConcurrentOpportunityChangeException(String id) {
        super(OpportunityProblems.CONCURRENT_CHANGE,
                "opportunity " + id + " was changed by another request at the same time; read it and try again");
    }
}
