package org.mailtrail.opportunity.promotion.domain;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/** No promotion command has this id. */
public class PromotionNotFoundException extends ProblemException {

    public PromotionNotFoundException(String commandId) {
        super(OpportunityProblems.PROMOTION_NOT_FOUND, "no promotion command " + commandId);
    }
}
