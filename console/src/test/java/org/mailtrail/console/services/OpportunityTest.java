package org.mailtrail.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class OpportunityTest {

    @Test
    void offersTheStatusChangesOpportunityServiceAllows() {
        assertThat(with("NOT_STARTED").nextStatuses()).containsExactly("IN_PROGRESS", "WON", "LOST");
        assertThat(with("IN_PROGRESS").nextStatuses()).containsExactly("WON", "LOST");
        assertThat(with("WON").nextStatuses()).isEmpty();
        assertThat(with("LOST").nextStatuses()).isEmpty();
        assertThat(with("SOMETHING_NEW").nextStatuses()).isEmpty();
        assertThat(with(null).nextStatuses()).isEmpty();
        assertThat(with("WON").closed()).isTrue();
        assertThat(with("IN_PROGRESS").statusLabel()).isEqualTo("In progress");
    }

    @Test
    void showsTheValueInTheReadersWayWithTheCurrencysDigits() {
        assertThat(valued("48000.00", "EUR").value(Locale.ENGLISH)).isEqualTo("48,000.00 EUR");
        assertThat(valued("48000", "EUR").value(Locale.GERMANY)).isEqualTo("48.000,00 EUR");
        assertThat(valued("1500", "JPY").value(Locale.ENGLISH)).isEqualTo("1,500 JPY");
        assertThat(valued("12.3456", "EUR").value(Locale.ENGLISH)).isEqualTo("12.3456 EUR");
        assertThat(with("NOT_STARTED").value(Locale.ENGLISH)).isNull();
    }

    @Test
    void explainsARejectionInWords() {
        Promotion late = new Promotion("c", "i", "REJECTED", null, null, null, "INTERACTION_NOT_FOUND",
                "interaction i was not in the interaction log within PT30S", null, null);
        Promotion invalid = new Promotion("c", "i", "REJECTED", null, null, null, "INVALID_COMMAND",
                "probability: must be less than or equal to 100", null, null);

        assertThat(late.reasonInWords()).contains("did not reach the opportunity service in time");
        assertThat(invalid.reasonInWords()).contains("not accepted", "probability: must be less than or equal to 100");
    }

    private static Opportunity with(String status) {
        return new Opportunity("o", "OP-000001", "d", "CT", "CO", "AB", status, null, null, null, null, null, null,
                List.of("i"), 0, null);
    }

    private static Opportunity valued(String value, String currency) {
        return new Opportunity("o", "OP-000001", "d", "CT", "CO", "AB", "NOT_STARTED", null, new BigDecimal(value),
                currency, null, null, null, List.of("i"), 0, null);
    }
}
