package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.directory.domain.Salesperson;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A salesperson as stored; deleted like a contact ({@link ContactDocument}). */
@Document(SalespersonDocument.COLLECTION)
record SalespersonDocument(@Id String code, String name, List<String> emails, Instant updatedAt, long revision,
        boolean deleted) {

    static final String COLLECTION = "salespeople";

    static SalespersonDocument from(Salesperson salesperson, long revision, Instant updatedAt) {
        return new SalespersonDocument(salesperson.code(), salesperson.name(), salesperson.emails(), updatedAt,
                revision, false);
    }

    static SalespersonDocument deleted(String code, long revision, Instant at) {
        return new SalespersonDocument(code, null, null, at, revision, true);
    }

    Salesperson toSalesperson() {
        return new Salesperson(code, name, emails);
    }
}
