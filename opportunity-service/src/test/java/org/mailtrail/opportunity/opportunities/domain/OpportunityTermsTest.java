package org.mailtrail.opportunity.opportunities.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

class OpportunityTermsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void acceptsNoTermsAtAll() {
        assertThat(violations(OpportunityTerms.NONE)).isEmpty();
    }

    @Test
    void acceptsAFullSetOfTerms() {
        assertThat(violations(new OpportunityTerms("40 units, Q1", "NEW", new BigDecimal("48000.00"), "EUR", 40)))
                .isEmpty();
    }

    @Test
    void refusesAProbabilityAbove100OrBelow0() {
        assertThat(violations(terms(null, null, 101))).containsOnlyKeys("probability");
        assertThat(violations(terms(null, null, -1))).containsOnlyKeys("probability");
        assertThat(violations(terms(null, null, 100))).isEmpty();
    }

    @Test
    void refusesACurrencyThatIsNotAnIso4217Code() {
        assertThat(violations(terms(BigDecimal.TEN, "EURO", null))).containsOnlyKeys("currency");
        assertThat(violations(terms(BigDecimal.TEN, "eur", null))).containsOnlyKeys("currency");
        assertThat(violations(terms(BigDecimal.TEN, "XYZ", null))).containsOnlyKeys("currency");
        assertThat(violations(terms(BigDecimal.TEN, "DKK", null))).isEmpty();
    }

    @Test
    void namesTheMissingHalfOfAnAmount() {
        assertThat(violations(terms(BigDecimal.TEN, null, null)))
                .containsExactly(Map.entry("currency", "required with estimatedValue"));
        assertThat(violations(terms(null, "EUR", null)))
                .containsExactly(Map.entry("estimatedValue", "required with currency"));
    }

    @Test
    void refusesANegativeAmount() {
        assertThat(violations(terms(new BigDecimal("-1"), "EUR", null))).containsOnlyKeys("estimatedValue");
    }

    @Test
    void refusesABlankDescription() {
        assertThat(violations(new OpportunityTerms("  ", null, null, null, null))).containsOnlyKeys("description");
    }

    private static OpportunityTerms terms(BigDecimal value, String currency, Integer probability) {
        return new OpportunityTerms(null, null, value, currency, probability);
    }

    private static Map<String, String> violations(OpportunityTerms terms) {
        return validator.validate(terms).stream().collect(Collectors.toMap(
                violation -> violation.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}
