package org.mailtrail.console.opportunity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.Opportunities;
import org.mailtrail.console.services.PromotionTerms;

import jakarta.validation.constraints.Size;

/**
 * The "Create opportunity" form as it is shown and sent back: the values as typed, so a refused form shows them
 * again, and the Idempotency-Key made when the form was first shown, so sending it twice is one promotion. The
 * console only reads the numbers; what values are allowed, opportunity-service decides.
 */
record PromotionForm(
        @Size(max = Opportunities.MAX_IDEMPOTENCY_KEY_LENGTH) String idempotencyKey,
        @Size(max = 2000) String description,
        @Size(max = 100) String salesCycleCode,
        @Size(max = 100) String estimatedValue,
        @Size(max = 20) String currency,
        @Size(max = 20) String probability) {

    /** The service's limit on a description; a longer subject is cut to it in the prefilled form. */
    static final int DESCRIPTION_MAX = 500;
    /** The fields the form shows, in its order; the service's errors name them the same. */
    static final List<String> FIELDS = List.of("description", "salesCycleCode", "estimatedValue", "currency",
            "probability");

    /** A new form for the entry: the description is the mail's subject, the key a new one. */
    static PromotionForm prefilled(Interaction entry) {
        String subject = entry.description() == null ? "" : entry.description();
        if (subject.length() > DESCRIPTION_MAX) {
            subject = subject.substring(0, DESCRIPTION_MAX);
        }
        return new PromotionForm(newKey(), subject, null, null, null, null);
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** The same values under a new key: a new request, not a repeat of the one sent. */
    PromotionForm withNewKey() {
        return new PromotionForm(newKey(), description, salesCycleCode, estimatedValue, currency, probability);
    }

    /** The key sent as Idempotency-Key; a form that arrives without one gets one (and is then not protected). */
    String key() {
        return idempotencyKey == null || idempotencyKey.isBlank() ? newKey() : idempotencyKey.trim();
    }

    /** What cannot even be read as a number; by field. */
    Map<String, List<String>> unreadable() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (blank(estimatedValue) != null && amount() == null) {
            errors.computeIfAbsent("estimatedValue", field -> new ArrayList<>())
                    .add("must be a number, such as 48000 or 48000.50");
        }
        if (blank(probability) != null && percent() == null) {
            errors.computeIfAbsent("probability", field -> new ArrayList<>())
                    .add("must be a whole number from 0 to 100");
        }
        return errors;
    }

    /** The terms to send: blank fields left out, so the opportunity takes them from the entry. */
    PromotionTerms terms() {
        String code = blank(currency);
        return new PromotionTerms(blank(description), blank(salesCycleCode), amount(),
                code == null ? null : code.toUpperCase(Locale.ROOT), percent());
    }

    private BigDecimal amount() {
        String value = blank(estimatedValue);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(" ", "").replace("\u00a0", "").replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Integer percent() {
        String value = blank(probability);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.endsWith("%") ? value.substring(0, value.length() - 1).trim() : value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
