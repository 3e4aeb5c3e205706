package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;

/** An interaction's opportunity link cannot be changed as asked. */
public class OpportunityLinkConflictException extends ProblemException {

    public OpportunityLinkConflictException(String detail) {
        super(MatcherProblems.OPPORTUNITY_LINK_CONFLICT, detail);
    }
}
