package org.mailtrail.console.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.opportunity.OpportunityController.Filters;
import org.mailtrail.console.services.OpportunityQuery;

class OpportunityFiltersTest {

    @Test
    void asksForEverythingWhenNothingIsChosen() {
        assertThat(new Filters(null, null, null).toQuery()).isEqualTo(OpportunityQuery.none());
        assertThat(new Filters("", " ", "").any()).isFalse();
    }

    @Test
    void passesAKnownStatusAndTheIdsOnAndDropsAnUnknownStatus() {
        assertThat(new Filters("WON", " CT-NW-TW ", "AB").toQuery())
                .isEqualTo(new OpportunityQuery("CT-NW-TW", "AB", "WON"));
        assertThat(new Filters("ALMOST_WON", null, null).toQuery()).isEqualTo(OpportunityQuery.none());
    }
}
