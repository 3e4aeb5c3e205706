package org.mailtrail.matcher;

import java.util.List;
import java.util.stream.Stream;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.ProblemType;

/**
 * Every problem type the matcher's API answers with. Clients match on the type URI; the titles
 * are the ones the API has always answered with.
 */
public final class MatcherProblems {

    public static final ProblemType UNREADABLE_IMPORT = new ProblemType("unreadable-import", 400, "Unreadable import");
    public static final ProblemType TOO_MANY_ROWS = new ProblemType("too-many-rows", 413, "Too many rows");
    public static final ProblemType CONTACT_NOT_FOUND = new ProblemType("contact-not-found", 404, "Not Found");
    public static final ProblemType SALESPERSON_NOT_FOUND = new ProblemType("salesperson-not-found", 404, "Not Found");
    public static final ProblemType INTERACTION_NOT_FOUND = new ProblemType("interaction-not-found", 404, "Not Found");
    public static final ProblemType MAIL_LINK_NOT_FOUND = new ProblemType("mail-link-not-found", 404, "Not Found");
    public static final ProblemType CONNECTION_NOT_FOUND = new ProblemType("connection-not-found", 404, "Not Found");
    public static final ProblemType OPPORTUNITY_LINK_CONFLICT = new ProblemType("opportunity-link-conflict", 409,
            "Conflict");
    public static final ProblemType REMATCH_NOT_FOUND = new ProblemType("rematch-not-found", 404, "Not Found");
    public static final ProblemType MAIL_NOT_FOUND = new ProblemType("mail-not-found", 404, "Not Found");
    public static final ProblemType MAIL_TOO_LARGE = new ProblemType("mail-too-large", 422, "Unprocessable Content");
    public static final ProblemType INGESTOR_FAILED = new ProblemType("ingestor-failed", 502, "Bad Gateway");
    public static final ProblemType MAIL_SERVER_UNAVAILABLE = new ProblemType("mail-server-unavailable", 503,
            "Service Unavailable");

    /** The matcher's own types and the common ones it answers with. */
    public static final List<ProblemType> ALL = Stream.concat(
            Stream.of(UNREADABLE_IMPORT, TOO_MANY_ROWS, CONTACT_NOT_FOUND, SALESPERSON_NOT_FOUND,
                    INTERACTION_NOT_FOUND, MAIL_LINK_NOT_FOUND, CONNECTION_NOT_FOUND, OPPORTUNITY_LINK_CONFLICT,
                    REMATCH_NOT_FOUND, MAIL_NOT_FOUND, MAIL_TOO_LARGE, INGESTOR_FAILED, MAIL_SERVER_UNAVAILABLE),
            Stream.of(CommonProblems.INVALID_REQUEST, CommonProblems.INVALID_CURSOR, CommonProblems.UNAUTHORIZED,
                    CommonProblems.FORBIDDEN, CommonProblems.NOT_FOUND,
                    CommonProblems.METHOD_NOT_ALLOWED, CommonProblems.NOT_ACCEPTABLE,
                    CommonProblems.UNSUPPORTED_MEDIA_TYPE, CommonProblems.INTERNAL))
            .toList();

    private MatcherProblems() {
    }
}
