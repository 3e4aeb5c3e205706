package org.mailtrail.config.check.domain;

import java.time.Instant;
import java.util.List;

/**
 * All checks of one run, in the order they ran.
 *
 * @param passed true when no check failed
 * @param archiveFolderId set when the run created or adopted the archive folder, which the connection should
 *        now name by this id
 */
public record CheckReport(String connectionId, long revision, Instant checkedAt, boolean passed,
        List<CheckResult> results, String archiveFolderId) {

    public CheckReport {
        results = List.copyOf(results);
    }

    public static CheckReport of(String connectionId, long revision, Instant checkedAt, List<CheckResult> results,
            String archiveFolderId) {
        boolean passed = results.stream().noneMatch(result -> result.status() == CheckStatus.FAILED);
        return new CheckReport(connectionId, revision, checkedAt, passed, results, archiveFolderId);
    }

    public List<CheckResult> failures() {
        return results.stream().filter(result -> result.status() == CheckStatus.FAILED).toList();
    }
}
