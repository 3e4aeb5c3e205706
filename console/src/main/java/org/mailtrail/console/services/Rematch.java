package org.mailtrail.console.services;

import java.time.Instant;

/**
 * One run of matching over a connection's held mail, as interaction-matcher reports it.
 *
 * @param from the first instant of the period of held mail it covers
 * @param to the end of that period, not included
 * @param status {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param total how many held mails the period has
 * @param processed how many of them were matched again so far
 * @param loggedLate how many of them were logged (late) because they qualify now
 * @param finishedAt absent while it runs
 * @param error why it failed; absent unless {@code FAILED}
 */
public record Rematch(String id, String connectionId, Instant from, Instant to, String requestedBy, String status,
        long total, long processed, long loggedLate, Instant startedAt, Instant finishedAt, String error) {

    /** The part of element ids that names the run: its id with anything but letters, digits, - and _ as -. */
    public String key() {
        return id.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }

    /** The status in words, so that no page carries it by colour alone. */
    public String statusLabel() {
        return switch (status == null ? "" : status) {
            case "RUNNING" -> "Running";
            case "DONE" -> "Done";
            case "FAILED" -> "Failed";
            default -> String.valueOf(status);
        };
    }

    /** The badge class of console.css for the status. */
    public String badge() {
        return switch (status == null ? "" : status) {
            case "DONE" -> "ok";
            case "FAILED" -> "failed";
            default -> "neutral";
        };
    }
}
