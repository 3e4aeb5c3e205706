package org.mailtrail.config.connection.web;

import org.mailtrail.config.connection.domain.Connection;

/**
 * The connection's revision as a strong ETag ({@code "3"}), and If-Match read back into a revision. A value this
 * service did not issue cannot match any revision, which is what {@link #NO_MATCH} stands for.
 */
public final class ETags {

    /** A revision no connection ever has: an If-Match that names it is always stale. */
    public static final long NO_MATCH = -1;

    public static String of(Connection connection) {
        return "\"" + connection.revision() + "\"";
    }

    /** The revision If-Match asks for; {@code null} when absent or {@code *} (any current revision). */
    public static Long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return NO_MATCH;
        }
    }

    private ETags() {
    }
}
