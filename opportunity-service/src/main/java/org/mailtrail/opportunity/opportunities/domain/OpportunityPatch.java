package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mailtrail.events.opportunity.OpportunityStatus;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A change to an opportunity with JSON merge-patch semantics (RFC 7396): a field left out stays as
 * it is, a field given as null is cleared, anything else replaces the value. Jackson calls a setter
 * only for a field the body names, which is how an absent field is told from a null one.
 */
public final class OpportunityPatch {

    private final Set<String> present = new LinkedHashSet<>();
    private final List<String> unknown = new ArrayList<>();

    private OpportunityStatus status;
    @Size(max = OpportunityTerms.DESCRIPTION_MAX)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String description;
    @Size(min = 1, max = 20)
    @Pattern(regexp = "\\S+", message = "must not contain spaces")
    private String salesCycleCode;
    @PositiveOrZero
    @Digits(integer = 15, fraction = 4)
    private BigDecimal estimatedValue;
    @CurrencyCode
    private String currency;
    @Min(0)
    @Max(100)
    private Integer probability;

    public void setStatus(OpportunityStatus status) {
        present.add("status");
        this.status = status;
    }

    public void setDescription(String description) {
        present.add("description");
        this.description = description;
    }

    public void setSalesCycleCode(String salesCycleCode) {
        present.add("salesCycleCode");
        this.salesCycleCode = salesCycleCode;
    }

    public void setEstimatedValue(BigDecimal estimatedValue) {
        present.add("estimatedValue");
        this.estimatedValue = estimatedValue;
    }

    public void setCurrency(String currency) {
        present.add("currency");
        this.currency = currency;
    }

    public void setProbability(Integer probability) {
        present.add("probability");
        this.probability = probability;
    }

    /** Fields a client may read but not change (number, contactId, …) and misspelt ones. */
    @JsonAnySetter
    public void setUnknown(String field, Object value) {
        unknown.add(field);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    public List<String> unknownFields() {
        return List.copyOf(unknown);
    }

    public OpportunityStatus status() {
        return status;
    }

    public String description() {
        return description;
    }

    public String salesCycleCode() {
        return salesCycleCode;
    }

    public BigDecimal estimatedValue() {
        return estimatedValue;
    }

    public String currency() {
        return currency;
    }

    public Integer probability() {
        return probability;
    }
}
