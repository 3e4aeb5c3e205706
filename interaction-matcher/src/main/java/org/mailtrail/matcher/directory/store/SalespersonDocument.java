package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.directory.domain.Salesperson;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("salespeople")
record SalespersonDocument(@Id String code, String name, List<String> emails, Instant updatedAt) {

    static SalespersonDocument from(Salesperson salesperson, Instant updatedAt) {
        return new SalespersonDocument(salesperson.code(), salesperson.name(), salesperson.emails(), updatedAt);
    }

    Salesperson toSalesperson() {
        return new Salesperson(code, name, emails);
    }
}
