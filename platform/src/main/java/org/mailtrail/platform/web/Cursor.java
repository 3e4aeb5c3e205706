package org.mailtrail.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a list sorted newest first by time, then by id: the next page starts after
 * the entry this cursor names. Clients see it as an opaque token.
 */
public record Cursor(Instant at, String id) {

    private static final char SEPARATOR = '|';

    public String encode() {
        String plain = at.toString() + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token from a request; a token this service did not issue is a client error. */
    public static Cursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            if (separator < 0) {
                throw new InvalidCursorException(token);
            }
            return new Cursor(Instant.parse(plain.substring(0, separator)), plain.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException(token);
        }
    }
}
