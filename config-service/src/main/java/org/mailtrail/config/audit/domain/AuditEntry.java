package org.mailtrail.config.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audited change.
 *
 * @param actor the subject of the caller's token
 * @param connectionId the connection changed, or {@code null} for a service-wide change
 * @param revision the connection's revision after the change, when it has one
 * @param fields names of the fields that changed; a secret appears by name only
 * @param details facts about the change that are never secret (e.g. {@code forced}, counts)
 */
public record AuditEntry(String id, Instant at, String actor, AuditAction action, String connectionId,
        Long revision, List<String> fields, Map<String, String> details) {

    public AuditEntry {
        fields = fields == null ? List.of() : List.copyOf(fields);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
