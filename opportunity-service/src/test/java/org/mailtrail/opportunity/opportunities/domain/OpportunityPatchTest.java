package org.mailtrail.opportunity.opportunities.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.opportunity.OpportunityStatus;

class OpportunityPatchTest {

    @Test
    void tellsAFieldLeftOutFromAFieldSetToNull() {
        OpportunityPatch patch = read("{\"salesCycleCode\": null, \"status\": \"IN_PROGRESS\"}");

        assertThat(patch.has("salesCycleCode")).isTrue();
        assertThat(patch.salesCycleCode()).isNull();
        assertThat(patch.has("status")).isTrue();
        assertThat(patch.status()).isEqualTo(OpportunityStatus.IN_PROGRESS);
        assertThat(patch.has("description")).isFalse();
        assertThat(patch.has("probability")).isFalse();
    }

    @Test
    void collectsFieldsThatCannotBeChanged() {
        OpportunityPatch patch = read("{\"number\": \"OP-9\", \"contactId\": \"CT1\", \"probability\": 10}");

        assertThat(patch.unknownFields()).containsExactly("number", "contactId");
        assertThat(patch.probability()).isEqualTo(10);
    }

    @Test
    void readsAnAmountExactly() {
        OpportunityPatch patch = read("{\"estimatedValue\": 12345678901.2345, \"currency\": \"EUR\"}");

        assertThat(patch.estimatedValue()).isEqualByComparingTo("12345678901.2345");
    }

    private static OpportunityPatch read(String json) {
        return ContractJson.mapper().readValue(json, OpportunityPatch.class);
    }
}
