package org.mailtrail.matcher.directory.store;

import java.time.Instant;

import org.mailtrail.matcher.directory.domain.DirectoryRevision;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(DirectoryRevisionDocument.COLLECTION)
record DirectoryRevisionDocument(@Id long number, DirectoryRevision.Status status, Instant reservedAt,
        Instant finishedAt) {

    static final String COLLECTION = "directoryRevisions";

    DirectoryRevision toRevision() {
        return new DirectoryRevision(number, status, reservedAt);
    }
}
