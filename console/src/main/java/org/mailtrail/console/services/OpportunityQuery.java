package org.mailtrail.console.services;

import org.springframework.web.util.UriBuilder;

/** Which opportunities a list shows; every part optional. Whose the person may see, the service decides. */
public record OpportunityQuery(String contactId, String salespersonCode, String status) {

    public static OpportunityQuery none() {
        return new OpportunityQuery(null, null, null);
    }

    UriBuilder applyTo(UriBuilder uri) {
        set(uri, "contactId", contactId);
        set(uri, "salespersonCode", salespersonCode);
        set(uri, "status", status);
        return uri;
    }

    private static void set(UriBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }
}
