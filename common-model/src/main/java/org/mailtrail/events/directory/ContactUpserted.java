package org.mailtrail.events.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mailtrail.events.Contract;

/**
 * A contact as it is now. The topic is compacted; a tombstone (null value) deletes the contact.
 *
 * @param email the primary address; a contact matches on it or on any of {@code alternateEmails}
 * @param privacyBlocked the contact asked not to be logged; mail with it is never logged
 */
public record ContactUpserted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contactId,
        String name,
        ContactType type,
        String companyId,
        String companyName,
        String email,
        List<String> alternateEmails,
        boolean privacyBlocked) implements Contract {

    public static final String TYPE = "org.mailtrail.directory.ContactUpserted.v1";

    public ContactUpserted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(type, "type");
        alternateEmails = alternateEmails == null ? List.of() : List.copyOf(alternateEmails);
    }

    @Override
    public String aggregateId() {
        return contactId;
    }
}
