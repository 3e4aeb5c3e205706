package org.mailtrail.events.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/** A salesperson as it is now, matched on any of its addresses. Compacted; a tombstone deletes. */
public record SalespersonUpserted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String salespersonCode,
        String name,
        List<String> emails) implements Contract {

    public static final String TYPE = "org.mailtrail.directory.SalespersonUpserted.v1";

    public SalespersonUpserted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(salespersonCode, "salespersonCode");
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    @Override
    public String aggregateId() {
        return salespersonCode;
    }
}
