package org.mailtrail.console.services;

import java.util.List;

/**
 * config-service would not switch a connection on because setup checks failed; it answered with every check's
 * result, which the page shows so the administrator sees what to fix.
 */
public class EnableRefused extends ServiceProblem {

    private final List<CheckResult> checks;

    EnableRefused(String service, String title, String detail, List<CheckResult> checks) {
        super(service, 409, title, detail, List.of());
        this.checks = List.copyOf(checks);
    }

    public List<CheckResult> checks() {
        return checks;
    }

    /** What the failed checks are called, e.g. "Access to the mailbox, Archive folder". */
    public String failedChecks() {
        return String.join(", ", checks.stream().filter(CheckResult::failed).map(CheckResult::title).toList());
    }
}
