package org.mailtrail.console.services;

import java.util.Map;

/**
 * One setup check's outcome as config-service reports it.
 *
 * @param check the check's name ({@code clientSecret}, {@code token}, {@code mailbox}, …; {@code directory} for the
 *        setup's row about interaction-matcher's directory, which is none of config-service's checks)
 * @param status {@code PASSED}, {@code WARNING}, {@code FAILED} or {@code SKIPPED}
 * @param remedy what to do about a failure or warning; absent when there is nothing to do
 */
public record CheckResult(String check, String status, String message, String remedy) {

    private static final Map<String, String> TITLES = Map.of(
            "clientSecret", "Client secret",
            "token", "Sign-in of the app (token)",
            "mailbox", "Access to the mailbox",
            "sourceFolder", "Folder with new mail",
            "archiveFolder", "Archive folder",
            "movePermission", "Permission to move mail",
            "subscription", "Change notifications",
            "directory", "Directory");

    public String title() {
        return TITLES.getOrDefault(check, check);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }

    public boolean warning() {
        return "WARNING".equals(status);
    }

    /** The status in words, so that no page carries it by colour alone. */
    public String statusLabel() {
        return switch (status == null ? "" : status) {
            case "PASSED" -> "Passed";
            case "FAILED" -> "Failed";
            case "WARNING" -> "Warning";
            case "SKIPPED" -> "Skipped";
            default -> String.valueOf(status);
        };
    }

    /** The badge class of console.css for the status. */
    public String badge() {
        return switch (status == null ? "" : status) {
            case "PASSED" -> "ok";
            case "FAILED", "WARNING" -> "failed";
            default -> "neutral";
        };
    }

    /** Failures first, then warnings: what an administrator has to act on comes before what went well. */
    int urgency() {
        return switch (status == null ? "" : status) {
            case "FAILED" -> 0;
            case "WARNING" -> 1;
            case "PASSED" -> 2;
            default -> 3;
        };
    }
}
