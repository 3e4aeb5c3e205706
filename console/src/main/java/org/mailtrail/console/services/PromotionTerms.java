package org.mailtrail.console.services;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a person sets on the opportunity an entry becomes; everything optional. What is left out the opportunity
 * takes from the entry (the description is then the mail's subject). opportunity-service validates: description up
 * to 500 characters and not blank, a sales cycle code of 1 to 20 characters without spaces, an estimated value of
 * zero or more with up to 15 digits and 4 decimals together with its ISO 4217 currency, a probability of 0 to 100.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionTerms(String description, String salesCycleCode, BigDecimal estimatedValue, String currency,
        Integer probability) {
}
