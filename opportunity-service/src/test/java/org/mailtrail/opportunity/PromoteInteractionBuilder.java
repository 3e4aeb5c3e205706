package org.mailtrail.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.mailtrail.events.opportunity.PromoteInteraction;

/** PromoteInteraction commands as another service would publish them. */
public final class PromoteInteractionBuilder {

    private UUID commandId = UUID.randomUUID();
    private final String interactionId;
    private Integer probability;
    private BigDecimal estimatedValue;
    private String currency;

    private PromoteInteractionBuilder(String interactionId) {
        this.interactionId = interactionId;
    }

    public static PromoteInteractionBuilder aPromotionOf(String interactionId) {
        return new PromoteInteractionBuilder(interactionId);
    }

    public PromoteInteractionBuilder withProbability(Integer probability) {
        this.probability = probability;
        return this;
    }

    public PromoteInteractionBuilder withEstimatedValue(String value, String currency) {
        this.estimatedValue = new BigDecimal(value);
        this.currency = currency;
        return this;
    }

    public PromoteInteraction build() {
        return new PromoteInteraction(commandId, Instant.now(), 1, interactionId, "crm@contoso.com", null, null, "NEW",
                estimatedValue, currency, probability);
    }
}
