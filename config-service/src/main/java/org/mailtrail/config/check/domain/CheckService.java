package org.mailtrail.config.check.domain;

import java.util.Optional;

import org.mailtrail.config.check.store.CheckReportStore;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;

/**
 * Runs the checks an administrator asks for, keeps the latest report, and lets the connection name a created or
 * adopted archive folder by its id (an audited change like any other).
 */
public class CheckService {

    private final ConnectionService connections;
    private final SetupChecker checker;
    private final CheckReportStore reports;

    public CheckService(ConnectionService connections, SetupChecker checker, CheckReportStore reports) {
        this.connections = connections;
        this.checker = checker;
        this.reports = reports;
    }

    public CheckReport check(String connectionId, boolean createArchiveFolder, String actor) {
        Connection connection = connections.get(connectionId);
        CheckReport report = checker.run(connection, createArchiveFolder);
        if (report.archiveFolderId() != null) {
            Connection changed = connections.useArchiveFolder(connectionId, report.archiveFolderId(), actor);
            report = new CheckReport(report.connectionId(), changed.revision(), report.checkedAt(), report.passed(),
                    report.results(), report.archiveFolderId());
        }
        reports.save(report);
        return report;
    }

    public Optional<CheckReport> latest(String connectionId) {
        connections.get(connectionId);
        return reports.find(connectionId);
    }
}
