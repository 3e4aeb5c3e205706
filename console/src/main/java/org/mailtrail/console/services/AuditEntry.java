package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audited change, as config-service records it.
 *
 * @param actor who made it: the subject of their token
 * @param action what kind of change, e.g. {@code CONNECTION_UPDATED}
 * @param connectionId the connection changed; absent for a change of the whole service
 * @param revision the connection's revision after the change, when it has one
 * @param fields the names of the fields that changed; a secret appears by name only
 * @param details facts about the change that are never secret
 */
public record AuditEntry(String id, Instant at, String actor, String action, String connectionId, Long revision,
        List<String> fields, Map<String, String> details) {

    public AuditEntry {
        fields = fields == null ? List.of() : List.copyOf(fields);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
