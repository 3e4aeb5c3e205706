package org.mailtrail.console.services;

import java.util.HashMap;
import java.util.Map;

import org.mailtrail.platform.web.Page;
import org.springframework.core.ParameterizedTypeReference;

/** config-service: the audit trail, who changed what and when. */
public class Audit {

    private static final ParameterizedTypeReference<Page<AuditEntry>> ENTRIES = new ParameterizedTypeReference<>() {
    };

    private final ServiceClients.ServiceClient client;

    Audit(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    /** A page of the audit trail, newest first, of every connection or of the one named. */
    public Page<AuditEntry> entries(String connectionId, String cursor, int limit) {
        // Values go in as URI variables, so that they are encoded whole, whatever they hold.
        Map<String, String> values = new HashMap<>();
        return client.call(rest -> rest.get().uri(uri -> {
            uri.path("/api/audit").queryParam("limit", limit);
            if (connectionId != null && !connectionId.isBlank()) {
                uri.queryParam("connectionId", "{connectionId}");
                values.put("connectionId", connectionId);
            }
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", "{cursor}");
                values.put("cursor", cursor);
            }
            return uri.build(values);
        }).retrieve().body(ENTRIES));
    }
}
