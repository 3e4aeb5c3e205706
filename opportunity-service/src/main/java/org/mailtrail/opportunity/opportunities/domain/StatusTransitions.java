package org.mailtrail.opportunity.opportunities.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.mailtrail.events.opportunity.OpportunityStatus;

/**
 * Which status may follow which. An opportunity starts NOT_STARTED, is worked IN_PROGRESS and
 * closes WON or LOST; it may also close straight from NOT_STARTED, as Business Central lets a
 * salesperson close an opportunity that was never started (a deal lost before work began). Closed
 * is final, and nothing goes back to NOT_STARTED.
 */
public final class StatusTransitions {

    private static final Map<OpportunityStatus, Set<OpportunityStatus>> NEXT = Map.of(
            OpportunityStatus.NOT_STARTED,
            EnumSet.of(OpportunityStatus.IN_PROGRESS, OpportunityStatus.WON, OpportunityStatus.LOST),
            OpportunityStatus.IN_PROGRESS, EnumSet.of(OpportunityStatus.WON, OpportunityStatus.LOST),
            OpportunityStatus.WON, EnumSet.noneOf(OpportunityStatus.class),
            OpportunityStatus.LOST, EnumSet.noneOf(OpportunityStatus.class));

    /** The statuses an opportunity in {@code from} may move to. */
    public static Set<OpportunityStatus> next(OpportunityStatus from) {
        return Set.copyOf(NEXT.get(from));
    }

    public static boolean allowed(OpportunityStatus from, OpportunityStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static boolean isClosed(OpportunityStatus status) {
        return status == OpportunityStatus.WON || status == OpportunityStatus.LOST;
    }

    private StatusTransitions() {
    }
}
