package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.matcher.directory.domain.Contact;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("contacts")
record ContactDocument(
        @Id String id,
        String name,
        ContactType type,
        String companyId,
        String companyName,
        String email,
        List<String> alternateEmails,
        boolean privacyBlocked,
        Instant updatedAt) {

    static ContactDocument from(Contact contact, Instant updatedAt) {
        return new ContactDocument(contact.id(), contact.name(), contact.type(), contact.companyId(),
                contact.companyName(), contact.email(), contact.alternateEmails(), contact.privacyBlocked(), updatedAt);
    }

    Contact toContact() {
        return new Contact(id, name, type, companyId, companyName, email, alternateEmails, privacyBlocked);
    }
}
