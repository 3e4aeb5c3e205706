package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.matcher.directory.domain.Contact;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A contact as stored. A deleted contact keeps only its id, {@code deleted} and the revision that deleted it, so that
 * every instance learns of the deletion; it is removed for good after the directory's retention.
 */
@Document(ContactDocument.COLLECTION)
record ContactDocument(
        @Id String id,
        String name,
        ContactType type,
        String companyId,
        String companyName,
        String email,
        List<String> alternateEmails,
        boolean privacyBlocked,
        Instant updatedAt,
        long revision,
        boolean deleted) {

    static final String COLLECTION = "contacts";

    static ContactDocument from(Contact contact, long revision, Instant updatedAt) {
        return new ContactDocument(contact.id(), contact.name(), contact.type(), contact.companyId(),
                contact.companyName(), contact.email(), contact.alternateEmails(), contact.privacyBlocked(), updatedAt,
                revision, false);
    }

    static ContactDocument deleted(String id, long revision, Instant at) {
        return new ContactDocument(id, null, null, null, null, null, null, false, at, revision, true);
    }

    Contact toContact() {
        return new Contact(id, name, type, companyId, companyName, email, alternateEmails, privacyBlocked);
    }
}
