package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What whoever promotes an interaction may set on the new opportunity; everything is optional.
 * Validated where a promotion is requested and again where a command is handled, because other
 * services publish commands too.
 *
 * @param description overrides the interaction's description (the mail's subject)
 * @param probability the chance of winning, in percent
 */
@PricedInCurrency
public record OpportunityTerms(
        @Size(max = OpportunityTerms.DESCRIPTION_MAX) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String description,
        @Size(min = 1, max = 20) @Pattern(regexp = "\\S+", message = "must not contain spaces") String salesCycleCode,
        @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal estimatedValue,
        @CurrencyCode String currency,
        @Min(0) @Max(100) Integer probability) implements Priced {

    public static final int DESCRIPTION_MAX = 500;

    /** Nothing set: the opportunity takes everything from the interaction. */
    public static final OpportunityTerms NONE = new OpportunityTerms(null, null, null, null, null);
}
