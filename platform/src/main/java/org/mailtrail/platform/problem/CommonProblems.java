package org.mailtrail.platform.problem;

import java.util.List;

/**
 * The problem types every service's API can answer with, besides its own. Their titles are the
 * HTTP reason phrases the framework has always answered with, so a client sees the same title as
 * before the type URI was added.
 */
public final class CommonProblems {

    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", 400, "Invalid request");
    public static final ProblemType INVALID_CURSOR = new ProblemType("invalid-cursor", 400, "Invalid cursor");
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401, "Unauthorized");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403, "Forbidden");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not Found");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405, "Method Not Allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406, "Not Acceptable");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413, "Content Too Large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", 415,
            "Unsupported Media Type");
    public static final ProblemType INTERNAL = new ProblemType("internal", 500, "Internal Server Error");
    public static final ProblemType UNAVAILABLE = new ProblemType("unavailable", 503, "Service Unavailable");

    public static final List<ProblemType> ALL = List.of(INVALID_REQUEST, INVALID_CURSOR, UNAUTHORIZED, FORBIDDEN,
            NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INTERNAL,
            UNAVAILABLE);

    /** The common type of a status the framework answered by itself (an unknown path, a wrong method, …). */
    public static ProblemType forStatus(int status) {
        return ALL.stream().filter(type -> type.status() == status).findFirst()
                .orElse(status >= 500 ? INTERNAL : INVALID_REQUEST);
    }

    private CommonProblems() {
    }
}
