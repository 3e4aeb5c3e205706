package org.mailtrail.console.services;

import java.time.Instant;

import org.springframework.web.util.UriBuilder;

/** What the log is narrowed to; every part optional. {@code to} is exclusive. */
public record LogFilter(String contactId, String companyId, String salespersonCode, String direction, Instant from,
        Instant to) {

    public static LogFilter none() {
        return new LogFilter(null, null, null, null, null, null);
    }

    UriBuilder applyTo(UriBuilder uri) {
        set(uri, "contactId", contactId);
        set(uri, "companyId", companyId);
        set(uri, "salespersonCode", salespersonCode);
        set(uri, "direction", direction);
        set(uri, "from", from == null ? null : from.toString());
        set(uri, "to", to == null ? null : to.toString());
        return uri;
    }

    private static void set(UriBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }
}
