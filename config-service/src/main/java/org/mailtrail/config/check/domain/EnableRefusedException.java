package org.mailtrail.config.check.domain;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;

/**
 * A connection may not be switched on: some setup checks failed. The problem carries every check's result in
 * {@code checks}, so the administrator sees what to fix.
 */
public class EnableRefusedException extends ProblemException {

    public EnableRefusedException(CheckReport report) {
        super(ConfigProblems.SETUP_CHECKS_FAILED, "connection " + report.connectionId() + " cannot be enabled: "
                + report.failures().stream().map(CheckResult::check).toList()
                + " failed; fix them, or pass force=true to enable anyway");
        property("checks", report.results());
    }
}
