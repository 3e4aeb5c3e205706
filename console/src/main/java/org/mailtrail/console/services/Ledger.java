package org.mailtrail.console.services;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;

/** interaction-matcher: the completeness ledger of each connection, and its failed mails. */
public class Ledger {

    private static final ParameterizedTypeReference<List<ConnectionLedger>> LEDGERS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Page<FailedMail>> FAILURES = new ParameterizedTypeReference<>() {
    };

    private final ServiceClients.ServiceClient client;

    Ledger(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    /** The ledger of every connection that has received mail. */
    public List<ConnectionLedger> all() {
        List<ConnectionLedger> ledgers = client.call(rest -> rest.get().uri("/api/ledger").retrieve().body(LEDGERS));
        return ledgers == null ? List.of() : ledgers;
    }

    /** A page of the connection's failed mails, the latest first. */
    public Page<FailedMail> failures(String connectionId, String cursor, int limit) {
        // Values go in as URI variables, so that they are encoded whole, whatever they hold.
        Map<String, String> values = new HashMap<>(Map.of("connectionId", connectionId));
        return client.call(rest -> rest.get().uri(uri -> {
            uri.path("/api/ledger/{connectionId}/failures").queryParam("limit", limit);
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", "{cursor}");
                values.put("cursor", cursor);
            }
            return uri.build(values);
        }).retrieve().body(FAILURES));
    }
}
