package org.mailtrail.opportunity;

import java.util.List;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.ProblemType;

/** Every problem type the API answers with; the README's {@code ## Problems} table documents each. */
public final class OpportunityProblems {

    public static final ProblemType OPPORTUNITY_NOT_FOUND = new ProblemType("opportunity-not-found", 404,
            "Opportunity not found");
    public static final ProblemType INVALID_STATUS_TRANSITION = new ProblemType("invalid-status-transition", 409,
            "Invalid status transition");
    public static final ProblemType OPPORTUNITY_CLOSED = new ProblemType("opportunity-closed", 409,
            "Opportunity closed");
    public static final ProblemType CONCURRENT_CHANGE = new ProblemType("concurrent-change", 409,
            "Concurrent change");
    public static final ProblemType STALE_VERSION = new ProblemType("stale-version", 412, "Stale version");
    public static final ProblemType PROMOTION_NOT_FOUND = new ProblemType("promotion-not-found", 404,
            "Promotion not found");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", 422,
            "Idempotency-Key reused");
    public static final ProblemType INTERACTION_NOT_FOUND = new ProblemType("interaction-not-found", 404,
            "Interaction not found");
    public static final ProblemType MATCHER_UNAVAILABLE = new ProblemType("matcher-unavailable", 503,
            "Matcher unavailable");
    public static final ProblemType COMMAND_NOT_PUBLISHED = new ProblemType("command-not-published", 503,
            "Promotion not accepted");

    public static final List<ProblemType> ALL = List.of(OPPORTUNITY_NOT_FOUND, INVALID_STATUS_TRANSITION,
            OPPORTUNITY_CLOSED, CONCURRENT_CHANGE, STALE_VERSION, PROMOTION_NOT_FOUND, IDEMPOTENCY_KEY_REUSED,
            INTERACTION_NOT_FOUND, MATCHER_UNAVAILABLE, COMMAND_NOT_PUBLISHED, CommonProblems.UNAUTHORIZED,
            CommonProblems.FORBIDDEN, CommonProblems.INVALID_REQUEST, CommonProblems.INVALID_CURSOR,
            CommonProblems.NOT_FOUND, CommonProblems.METHOD_NOT_ALLOWED, CommonProblems.NOT_ACCEPTABLE,
            CommonProblems.UNSUPPORTED_MEDIA_TYPE, CommonProblems.INTERNAL);

    private OpportunityProblems() {
    }
}
