package org.mailtrail.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CheckReportTest {

    @Test
    void showsFailuresFirstThenWarningsEachInTheOrderTheChecksRan() {
        CheckReport report = new CheckReport("contoso-sales", 2, Instant.EPOCH, false, List.of(
                result("clientSecret", "PASSED"), result("token", "PASSED"), result("mailbox", "FAILED"),
                result("sourceFolder", "SKIPPED"), result("archiveFolder", "FAILED"),
                result("subscription", "WARNING")), null);

        assertThat(report.failedFirst()).extracting(CheckResult::check).containsExactly("mailbox", "archiveFolder",
                "subscription", "clientSecret", "token", "sourceFolder");
        assertThat(report.failures()).isEqualTo(2);
    }

    @Test
    void saysEachStatusInWords() {
        assertThat(List.of(result("token", "FAILED"), result("token", "WARNING"), result("token", "SKIPPED")))
                .extracting(CheckResult::statusLabel).containsExactly("Failed", "Warning", "Skipped");
    }

    private static CheckResult result(String check, String status) {
        return new CheckResult(check, status, check + " " + status, null);
    }
}
