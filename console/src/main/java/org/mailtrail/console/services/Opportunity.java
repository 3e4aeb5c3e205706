package org.mailtrail.console.services;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An opportunity as opportunity-service shows it.
 *
 * @param number what people quote, {@code OP-000001} onwards
 * @param status {@code NOT_STARTED}, {@code IN_PROGRESS}, {@code WON} or {@code LOST}
 * @param probability the chance of winning, in percent
 * @param sourceInteractionIds the interaction log entries it came from
 * @param version increases with every change
 * @param etag the version as the service's ETag, sent back in If-Match; absent in lists
 */
public record Opportunity(
        String id,
        String number,
        String description,
        String contactId,
        String companyId,
        String salespersonCode,
        String status,
        String salesCycleCode,
        BigDecimal estimatedValue,
        String currency,
        Integer probability,
        Instant createdAt,
        Instant closedAt,
        List<String> sourceInteractionIds,
        long version,
        String etag) {

    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String WON = "WON";
    public static final String LOST = "LOST";
    /** Every status, in the order an opportunity goes through them. */
    public static final List<String> STATUSES = List.of(NOT_STARTED, IN_PROGRESS, WON, LOST);

    /**
     * Which status may follow which, as opportunity-service's StatusTransitions has it: closed (won or lost) is
     * final, and nothing goes back to NOT_STARTED. Only what the page offers; the service decides.
     */
    private static final Map<String, List<String>> NEXT = Map.of(
            NOT_STARTED, List.of(IN_PROGRESS, WON, LOST),
            IN_PROGRESS, List.of(WON, LOST),
            WON, List.of(),
            LOST, List.of());

    private static final Map<String, String> LABELS = Map.of(NOT_STARTED, "Not started", IN_PROGRESS, "In progress",
            WON, "Won", LOST, "Lost");

    public Opportunity {
        sourceInteractionIds = sourceInteractionIds == null ? List.of() : List.copyOf(sourceInteractionIds);
    }

    Opportunity withEtag(String value) {
        return new Opportunity(id, number, description, contactId, companyId, salespersonCode, status,
                salesCycleCode, estimatedValue, currency, probability, createdAt, closedAt, sourceInteractionIds,
                version, value);
    }

    /** The statuses this opportunity may move to next; none once it is won or lost. */
    public List<String> nextStatuses() {
        return status == null ? List.of() : NEXT.getOrDefault(status, List.of());
    }

    public boolean closed() {
        return WON.equals(status) || LOST.equals(status);
    }

    public String statusLabel() {
        return label(status);
    }

    /** A status in words: "In progress" for IN_PROGRESS. */
    public static String label(String status) {
        return status == null ? "" : LABELS.getOrDefault(status, status);
    }

    /** The estimated value with its currency in the reader's locale ("48,000.00 EUR"); null when there is none. */
    public String value(Locale locale) {
        if (estimatedValue == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale == null ? Locale.ROOT : locale);
        int digits = fractionDigits(currency);
        int significant = Math.max(0, estimatedValue.stripTrailingZeros().scale());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(Math.max(digits, Math.min(4, significant)));
        return format.format(estimatedValue) + (currency == null ? "" : " " + currency);
    }

    private static int fractionDigits(String currency) {
        try {
            return currency == null ? 2 : Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }
}
