package org.mailtrail.config.check.store;

import java.util.Optional;

import org.mailtrail.config.check.domain.CheckReport;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The {@code check_reports} collection: the latest report per connection. */
@Repository
public class CheckReportStore {

    private static final String COLLECTION = "check_reports";

    record ReportDocument(@Id String connectionId, CheckReport report) {
    }

    private final MongoTemplate mongo;

    public CheckReportStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(CheckReport report) {
        mongo.save(new ReportDocument(report.connectionId(), report), COLLECTION);
    }

    public Optional<CheckReport> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, ReportDocument.class, COLLECTION))
                .map(ReportDocument::report);
    }
}
