package org.mailtrail.matcher.directory.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How mail addresses are compared: case-insensitively after trimming, as Business Central compares
 * its upper-cased "Search E-Mail" fields.
 */
public final class Addresses {

    /** Deliberately loose: one {@code @} with something on both sides and no whitespace. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** The comparable form of an address, or {@code null} when there is none. */
    public static String normalize(String address) {
        if (address == null) {
            return null;
        }
        String trimmed = address.trim();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /** The domain of a normalized address ({@code fabrikam.com}), or {@code null} when it has none. */
    public static String domainOf(String normalizedAddress) {
        if (normalizedAddress == null) {
            return null;
        }
        int at = normalizedAddress.lastIndexOf('@');
        return at < 0 || at == normalizedAddress.length() - 1 ? null : normalizedAddress.substring(at + 1);
    }

    /** Whether a value given as an address can be one at all. */
    public static boolean isPlausible(String address) {
        return address != null && PLAUSIBLE.matcher(address.trim()).matches();
    }

    private Addresses() {
    }
}
