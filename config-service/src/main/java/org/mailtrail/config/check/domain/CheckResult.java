package org.mailtrail.config.check.domain;

/**
 * One check's outcome.
 *
 * @param check the check's name ({@code clientSecret}, {@code token}, {@code mailbox}, …)
 * @param remedy what to do about a failure or warning; absent when there is nothing to do
 */
public record CheckResult(String check, CheckStatus status, String message, String remedy) {

    public static CheckResult passed(String check, String message) {
        return new CheckResult(check, CheckStatus.PASSED, message, null);
    }

    public static CheckResult failed(String check, String message, String remedy) {
        return new CheckResult(check, CheckStatus.FAILED, message, remedy);
    }

    public static CheckResult warning(String check, String message, String remedy) {
        return new CheckResult(check, CheckStatus.WARNING, message, remedy);
    }

    public static CheckResult skipped(String check, String why) {
        return new CheckResult(check, CheckStatus.SKIPPED, why, null);
    }
}
