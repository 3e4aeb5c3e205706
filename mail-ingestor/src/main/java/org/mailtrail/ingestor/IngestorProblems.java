package org.mailtrail.ingestor;

import java.util.List;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.ProblemType;

/** Every problem type the ingestor's HTTP API answers with; the README documents each one. */
public final class IngestorProblems {

    /** No enabled connection of that id, or no such message in its mailbox. */
    public static final ProblemType MESSAGE_NOT_FOUND = new ProblemType("message-not-found", 404, "Message not found");

    /** Graph (or the token broker in front of it) could not be asked for a message's link. */
    public static final ProblemType GRAPH_UNAVAILABLE = new ProblemType("graph-unavailable", 502, "Graph unavailable");

    /** A mail too large to be opened for its content ({@code mailtrail.imap.max-message-bytes}). */
    public static final ProblemType MESSAGE_TOO_LARGE = new ProblemType("message-too-large", 422,
            "Message too large");

    /** The IMAP server (or config-service, for its credential) could not be reached to open a mail. */
    public static final ProblemType IMAP_UNAVAILABLE = new ProblemType("imap-unavailable", 503, "IMAP unavailable");

    /** A notification delivery over the configured size. */
    public static final ProblemType NOTIFICATION_TOO_LARGE = new ProblemType("notification-too-large", 413,
            "Notification too large");

    /** More notification deliveries from one source than it may send. */
    public static final ProblemType NOTIFICATIONS_RATE_LIMITED = new ProblemType("notifications-rate-limited", 429,
            "Too many notification deliveries");

    /** A notification delivery that is not a JSON notification collection. */
    public static final ProblemType MALFORMED_NOTIFICATION = new ProblemType("malformed-notification", 400,
            "Malformed notification");

    public static final List<ProblemType> ALL = List.of(MESSAGE_NOT_FOUND, GRAPH_UNAVAILABLE, MESSAGE_TOO_LARGE,
            IMAP_UNAVAILABLE, NOTIFICATION_TOO_LARGE,
            NOTIFICATIONS_RATE_LIMITED, MALFORMED_NOTIFICATION, CommonProblems.UNAUTHORIZED, CommonProblems.FORBIDDEN,
            CommonProblems.NOT_FOUND, CommonProblems.METHOD_NOT_ALLOWED,
            CommonProblems.NOT_ACCEPTABLE, CommonProblems.INTERNAL);

    private IngestorProblems() {
    }
}
