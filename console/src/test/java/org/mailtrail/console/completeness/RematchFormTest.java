package org.mailtrail.console.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RematchFormTest {

    @Test
    void proposesTheLastThirtyDaysAndToday() {
        assertThat(RematchForm.lastDays(LocalDate.parse("2026-12-04")))
                .isEqualTo(new RematchForm("2026-11-04", "2026-12-04", null));
    }

    @ParameterizedTest(name = "{0} to {1} in {2}: [{3}, {4})")
    @CsvSource(nullValues = "-", textBlock = """
            # from,     to,         tz,               from instant,           to instant (To's day included)
            2026-11-04, 2026-12-04, Europe/Berlin,    2026-11-03T23:00:00Z,   2026-12-04T23:00:00Z
            2026-11-04, 2026-11-04, -,                2026-11-04T00:00:00Z,   2026-11-05T00:00:00Z
            2026-07-01, 2026-07-01, America/New_York, 2026-07-01T04:00:00Z,   2026-07-02T04:00:00Z
            2026-07-01, 2026-07-01, Not/AZone,        2026-07-01T00:00:00Z,   2026-07-02T00:00:00Z
            2025-01-01, 2026-01-01, UTC,              2025-01-01T00:00:00Z,   2026-01-02T00:00:00Z
            """)
    void takesAPeriodOfDaysOfThePersonsTimeZoneWithToIncluded(String from, String to, String tz, String start,
            String end) {
        RematchForm.Checked period = new RematchForm(from, to, tz).check();

        assertThat(period.valid()).isTrue();
        assertThat(period.from()).isEqualTo(Instant.parse(start));
        assertThat(period.to()).isEqualTo(Instant.parse(end));
    }

    @ParameterizedTest(name = "{0} to {1}: {2} {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # from,      to,          field, reason
            -,           2026-12-04,  from,  is required: a date such as 2026-11-04
            2026-11-04,  ' ',         to,    is required: a date such as 2026-11-04
            04.11.2026,  2026-12-04,  from,  is not a date: give one such as 2026-11-04
            2026-11-04,  2026-02-30,  to,    is not a date: give one such as 2026-11-04
            2026-12-04,  2026-12-03,  to,    is before From: the period ends on or after its first day
            2025-01-01,  2026-01-02,  to,    'makes the period longer than 366 days, the most one run takes'
            """)
    void refusesAPeriodTheMatcherWouldNotTakeAndSaysWhyBesideTheField(String from, String to, String field,
            String reason) {
        RematchForm.Checked period = new RematchForm(from, to, "UTC").check();

        assertThat(period.valid()).isFalse();
        assertThat(period.errors()).isEqualTo(Map.of(field, reason));
        assertThat(period.from()).isNull();
    }

    @Test
    void measuresTheLongestPeriodAsTheMatcherDoesInTimeNotInDays() {
        // 366 days of the calendar, from summer time (2029) into winter time (2030): an hour more than 366 days.
        RematchForm.Checked berlin = new RematchForm("2029-03-26", "2030-03-26", "Europe/Berlin").check();
        RematchForm.Checked utc = new RematchForm("2029-03-26", "2030-03-26", "UTC").check();

        assertThat(berlin.errors()).containsOnlyKeys("to");
        assertThat(utc.valid()).isTrue();
    }
}
