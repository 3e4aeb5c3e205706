package org.mailtrail.config.audit.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.mailtrail.config.audit.store.AuditStore;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.stereotype.Service;

/** Records changes and reads them back newest first. */
@Service
public class AuditLog {

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public AuditEntry record(String actor, AuditAction action, String connectionId, Long revision,
            List<String> fields, Map<String, String> details) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), clock.instant(), actor, action, connectionId,
                revision, fields, details);
        store.insert(entry);
        return entry;
    }

    /** A page of entries, newest first, optionally of one connection. */
    public Page<AuditEntry> list(String connectionId, String cursor, int limit) {
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        List<AuditEntry> entries = store.newestFirst(connectionId, after, limit + 1);
        if (entries.size() <= limit) {
            return new Page<>(entries, null);
        }
        AuditEntry last = entries.get(limit - 1);
        return new Page<>(entries.subList(0, limit), new Cursor(last.at(), last.id()).encode());
    }
}
