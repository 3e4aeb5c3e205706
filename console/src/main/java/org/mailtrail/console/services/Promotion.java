package org.mailtrail.console.services;

import java.time.Instant;

/**
 * A request to make an interaction log entry an opportunity, as opportunity-service tracks it: PENDING until it is
 * decided, then ACCEPTED with the entry's opportunity or REJECTED with a reason.
 *
 * @param commandId what the promotion's status is looked up by
 * @param requestedBy who asked (the person's address)
 * @param opportunityId the entry's opportunity, once accepted: the one this request created, or the one the entry
 *        already had
 * @param reason {@code INTERACTION_NOT_FOUND} or {@code INVALID_COMMAND}, once rejected
 * @param detail the service's explanation of a rejection
 */
public record Promotion(
        String commandId,
        String interactionId,
        String status,
        String requestedBy,
        String opportunityId,
        String opportunityNumber,
        String reason,
        String detail,
        Instant requestedAt,
        Instant completedAt) {

    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    public boolean pending() {
        return PENDING.equals(status);
    }

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }

    public boolean rejected() {
        return REJECTED.equals(status);
    }

    /** Why the promotion was refused, in words a salesperson understands. */
    public String reasonInWords() {
        if (reason == null) {
            return detail;
        }
        return switch (reason) {
            case "INTERACTION_NOT_FOUND" -> "The entry did not reach the opportunity service in time, so no "
                    + "opportunity was created. An entry that was only just logged can take a moment; try again "
                    + "in a minute.";
            case "INVALID_COMMAND" -> "The values given for the opportunity were not accepted"
                    + (detail == null ? "." : ": " + detail + ".");
            default -> "The promotion was refused (" + reason + ")" + (detail == null ? "." : ": " + detail + ".");
        };
    }
}
