package org.mailtrail.opportunity.opportunities.domain;

import java.util.Comparator;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.platform.problem.ProblemException;

/**
 * A status change that {@link StatusTransitions} does not allow. The problem names the current and
 * the requested status and the statuses that could follow, so a client can offer those.
 */
public class InvalidTransitionException extends ProblemException {

    public InvalidTransitionException(OpportunityStatus from, OpportunityStatus to) {
        super(OpportunityProblems.INVALID_STATUS_TRANSITION, "an opportunity that is " + from + " cannot become " + to);
        property("currentStatus", from);
        property("requestedStatus", to);
        property("allowedStatuses", StatusTransitions.next(from).stream().sorted(Comparator.naturalOrder()).toList());
    }
}
