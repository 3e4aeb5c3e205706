package org.mailtrail.opportunity.promotion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;

class PromotionsTest {

    @Test
    void aRetriedRequestWithItsIdempotencyKeyIsTheSameCommand() {
        assertThat(Promotions.commandId("interaction-1", "key-1")).isEqualTo(Promotions.commandId("interaction-1", "key-1"));
    }

    @Test
    void theSameIdempotencyKeyOnAnotherInteractionIsAnotherCommand() {
        assertThat(Promotions.commandId("interaction-1", "key-1")).isNotEqualTo(Promotions.commandId("interaction-2", "key-1"));
    }

    @Test
    void aRequestWithoutIdempotencyKeyIsAlwaysANewCommand() {
        assertThat(Promotions.commandId("interaction-1", null)).isNotEqualTo(Promotions.commandId("interaction-1", null));
    }

    @Test
    void theFingerprintIgnoresHowAnAmountIsWritten() {
        OpportunityTerms plain = new OpportunityTerms(null, null, new BigDecimal("48000"), "EUR", 40);
        OpportunityTerms scaled = new OpportunityTerms(null, null, new BigDecimal("48000.00"), "EUR", 40);

        assertThat(Promotions.fingerprint("i", plain)).isEqualTo(Promotions.fingerprint("i", scaled));
    }

    @Test
    void theFingerprintTellsDifferentRequestsApart() {
        OpportunityTerms forty = new OpportunityTerms(null, null, null, null, 40);
        OpportunityTerms fifty = new OpportunityTerms(null, null, null, null, 50);

        assertThat(Promotions.fingerprint("i", forty)).isNotEqualTo(Promotions.fingerprint("i", fifty));
        assertThat(Promotions.fingerprint("i", forty)).isNotEqualTo(Promotions.fingerprint("j", forty));
    }
}
