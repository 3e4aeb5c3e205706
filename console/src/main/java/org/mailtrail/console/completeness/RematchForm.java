package org.mailtrail.console.completeness;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The period of held mail to match again, as the form sends it: days of the person's own time zone, {@code to}
 * included, as the log's filters take them. The matcher takes at most 366 days at once.
 *
 * @param tz the browser's time zone; UTC when it is missing or unknown
 */
record RematchForm(String from, String to, String tz) {

    static final int DEFAULT_DAYS = 30;
    static final Duration LONGEST = Duration.ofDays(366);

    /** The period as the matcher takes it, [from, to), or why there is none, by the form's field. */
    record Checked(Instant from, Instant to, Map<String, String> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The last 30 days and today, as the form first proposes them. */
    static RematchForm lastDays(LocalDate today) {
        return new RematchForm(today.minusDays(DEFAULT_DAYS).toString(), today.toString(), null);
    }

    Checked check() {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = zone();
        Instant start = startOf(from, 0, zone, "from", errors);
        Instant end = startOf(to, 1, zone, "to", errors);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.put("to", "is before From: the period ends on or after its first day");
            } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
                errors.put("to", "makes the period longer than 366 days, the most one run takes");
            }
        }
        return errors.isEmpty() ? new Checked(start, end, Map.of()) : new Checked(null, null, Map.copyOf(errors));
    }

    /** The start of the day {@code plusDays} after the date, in the zone; null (and the reason) when it is none. */
    private static Instant startOf(String date, int plusDays, ZoneId zone, String field, Map<String, String> errors) {
        if (date == null || date.isBlank()) {
            errors.put(field, "is required: a date such as 2026-11-04");
            return null;
        }
        try {
            return LocalDate.parse(date.trim()).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeException notADate) {
            errors.put(field, "is not a date: give one such as 2026-11-04");
            return null;
        }
    }

    private ZoneId zone() {
        try {
            return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz.trim());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
