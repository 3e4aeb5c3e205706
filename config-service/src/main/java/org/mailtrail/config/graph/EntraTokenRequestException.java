package org.mailtrail.config.graph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entra refused or could not be asked for a token. {@code error} is the OAuth error ({@code invalid_client},
 * {@code invalid_grant}, …) and {@code code} Entra's AADSTS number when it gave one; neither carries a secret.
 */
public class EntraTokenRequestException extends RuntimeException {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private final String error;
    private final String code;
    private final boolean unreachable;

    public EntraTokenRequestException(String error, String description, boolean unreachable) {
        super(error + (description == null || description.isBlank() ? "" : ": " + description));
        this.error = error;
        this.code = aadsts(description);
        this.unreachable = unreachable;
    }

    /** The AADSTS number in a text, e.g. {@code 7000215} for a wrong client secret; null when there is none. */
    public static String aadsts(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = AADSTS.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    public String error() {
        return error;
    }

    public String code() {
        return code;
    }

    /** True when no answer came at all (DNS, TLS, connection, timeout). */
    public boolean unreachable() {
        return unreachable;
    }
}
