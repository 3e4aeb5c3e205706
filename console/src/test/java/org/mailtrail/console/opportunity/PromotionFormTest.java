package org.mailtrail.console.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.PromotionTerms;

class PromotionFormTest {

    @Test
    void prefillsTheSubjectCutToWhatTheServiceTakesUnderANewKey() {
        Interaction entry = entry("x".repeat(600));

        PromotionForm first = PromotionForm.prefilled(entry);
        PromotionForm second = PromotionForm.prefilled(entry);

        assertThat(first.description()).hasSize(PromotionForm.DESCRIPTION_MAX);
        assertThat(first.idempotencyKey()).isNotBlank().isNotEqualTo(second.idempotencyKey());
    }

    @Test
    void sendsWhatWasFilledInAndLeavesOutWhatWasNot() {
        PromotionForm form = new PromotionForm("k", "  Quote for 40 units ", " ", " 48 000.50 ", "eur", "40");

        assertThat(form.unreadable()).isEmpty();
        assertThat(form.terms()).isEqualTo(
                new PromotionTerms("Quote for 40 units", null, new BigDecimal("48000.50"), "EUR", 40));
        assertThat(new PromotionForm("k", "", "", "", "", "").terms())
                .isEqualTo(new PromotionTerms(null, null, null, null, null));
    }

    @Test
    void leavesTheBoundsToTheServiceButReadsTheNumbers() {
        PromotionForm form = new PromotionForm("k", null, null, "lots", null, "forty");

        assertThat(form.unreadable()).containsOnlyKeys("estimatedValue", "probability");
        assertThat(new PromotionForm("k", null, null, "-5", null, "150").unreadable()).isEmpty();
        assertThat(new PromotionForm("k", null, null, null, null, "40 %").terms().probability()).isEqualTo(40);
    }

    @Test
    void keepsTheKeyItWasShownWithAndMakesOneOnlyWhenAskedForANewRequest() {
        PromotionForm form = new PromotionForm("key-1", "d", null, null, null, null);

        assertThat(form.key()).isEqualTo("key-1");
        assertThat(form.withNewKey().idempotencyKey()).isNotEqualTo("key-1");
        assertThat(new PromotionForm(" ", "d", null, null, null, null).key()).isNotBlank();
    }

    private static Interaction entry(String subject) {
        return new Interaction("i-1", "demo", "CT-1", "Tom Weber", "CT-0", "Northwind", "AB", "Anna Berger",
                "INBOUND", "THEM", null, subject, "PRIMARY", "tom@northwind.example", null, "conv", "<m@x>", false,
                null, null, null, null, null, false, null, false);
    }
}
