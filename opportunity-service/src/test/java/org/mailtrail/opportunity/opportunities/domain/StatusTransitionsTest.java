package org.mailtrail.opportunity.opportunities.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrail.events.opportunity.OpportunityStatus.IN_PROGRESS;
import static org.mailtrail.events.opportunity.OpportunityStatus.LOST;
import static org.mailtrail.events.opportunity.OpportunityStatus.NOT_STARTED;
import static org.mailtrail.events.opportunity.OpportunityStatus.WON;

import org.junit.jupiter.api.Test;

class StatusTransitionsTest {

    @Test
    void anOpportunityIsWorkedThenClosed() {
        assertThat(StatusTransitions.allowed(NOT_STARTED, IN_PROGRESS)).isTrue();
        assertThat(StatusTransitions.allowed(IN_PROGRESS, WON)).isTrue();
        assertThat(StatusTransitions.allowed(IN_PROGRESS, LOST)).isTrue();
    }

    @Test
    void anOpportunityThatWasNeverStartedMayBeClosedStraightAway() {
        assertThat(StatusTransitions.next(NOT_STARTED)).containsExactlyInAnyOrder(IN_PROGRESS, WON, LOST);
    }

    @Test
    void aClosedOpportunityStaysClosed() {
        assertThat(StatusTransitions.next(WON)).isEmpty();
        assertThat(StatusTransitions.next(LOST)).isEmpty();
        assertThat(StatusTransitions.isClosed(WON)).isTrue();
        assertThat(StatusTransitions.isClosed(LOST)).isTrue();
        assertThat(StatusTransitions.isClosed(IN_PROGRESS)).isFalse();
    }

    @Test
    void nothingGoesBackToNotStarted() {
        assertThat(StatusTransitions.allowed(IN_PROGRESS, NOT_STARTED)).isFalse();
        assertThat(StatusTransitions.allowed(WON, NOT_STARTED)).isFalse();
    }

    @Test
    void stayingInTheSameStatusIsNotATransition() {
        assertThat(StatusTransitions.allowed(IN_PROGRESS, IN_PROGRESS)).isFalse();
    }
}
