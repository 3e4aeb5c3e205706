package org.mailtrail.console.services;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One run of a connection's setup checks.
 *
 * @param revision the connection's revision the checks ran against
 * @param passed true when no check failed
 * @param results in the order they ran
 * @param archiveFolderId set when the run created or adopted the archive folder
 */
public record CheckReport(String connectionId, long revision, Instant checkedAt, boolean passed,
        List<CheckResult> results, String archiveFolderId) {

    public CheckReport {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** The checks to show: failures first, then warnings, each group in the order the checks ran. */
    public List<CheckResult> failedFirst() {
        return results.stream().sorted(Comparator.comparingInt(CheckResult::urgency)).toList();
    }

    public long failures() {
        return results.stream().filter(CheckResult::failed).count();
    }

    public long warnings() {
        return results.stream().filter(CheckResult::warning).count();
    }
}
