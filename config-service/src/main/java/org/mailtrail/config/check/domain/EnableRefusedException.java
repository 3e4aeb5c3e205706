package org.mailtrail.config.check.domain;

/** A connection may not be switched on: some setup checks failed. The report says which and what to do. */
public class EnableRefusedException extends RuntimeException {

    private final CheckReport report;

    public EnableRefusedException(CheckReport report) {
        super("connection " + report.connectionId() + " cannot be enabled: "
                + report.failures().stream().map(CheckResult::check).toList() + " failed");
        this.report = report;
    }

    public CheckReport report() {
        return report;
    }
}
