package org.mailtrail.opportunity.opportunities.domain;

import java.util.Set;

import org.mailtrail.events.opportunity.OpportunityStatus;

/** A status change that {@link StatusTransitions} does not allow. */
public class InvalidTransitionException extends RuntimeException {

    private final OpportunityStatus from;
    private final OpportunityStatus to;

    public InvalidTransitionException(OpportunityStatus from, OpportunityStatus to) {
        super("an opportunity that is " + from + " cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public OpportunityStatus from() {
        return from;
    }

    public OpportunityStatus to() {
        return to;
    }

    public Set<OpportunityStatus> allowed() {
        return StatusTransitions.next(from);
    }
}
