package org.mailtrail.config;

import java.util.List;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.ProblemType;

/**
 * Every problem type config-service's API answers with; the README's {@code ## Problems} table documents each one.
 * The titles are those clients have always seen.
 */
public final class ConfigProblems {

    public static final ProblemType CONNECTION_NOT_FOUND = new ProblemType("connection-not-found", 404,
            "Connection not found");
    public static final ProblemType CONNECTION_EXISTS = new ProblemType("connection-exists", 409, "Connection exists");
    public static final ProblemType STALE_REVISION = new ProblemType("stale-revision", 412, "Stale revision");
    public static final ProblemType CONCURRENT_CHANGE = new ProblemType("concurrent-change", 409, "Concurrent change");
    public static final ProblemType IF_MATCH_REQUIRED = new ProblemType("if-match-required", 428, "If-Match required");
    public static final ProblemType SETUP_CHECKS_FAILED = new ProblemType("setup-checks-failed", 409,
            "Setup checks failed");
    public static final ProblemType CONSENT_NOT_APPLICABLE = new ProblemType("consent-not-applicable", 409,
            "Consent failed");
    public static final ProblemType CONSENT_CALLBACK_REFUSED = new ProblemType("consent-callback-refused", 400,
            "Consent failed");
    public static final ProblemType CONSENT_NOT_REDEEMED = new ProblemType("consent-not-redeemed", 502,
            "Consent failed");
    public static final ProblemType TOKEN_SETUP_INCOMPLETE = new ProblemType("token-setup-incomplete", 409,
            "No token for the connection");
    public static final ProblemType TOKEN_REFUSED = new ProblemType("token-refused", 502,
            "No token for the connection");
    public static final ProblemType TOKEN_AUTHORITY_UNREACHABLE = new ProblemType("token-authority-unreachable", 504,
            "No token for the connection");
    public static final ProblemType MASTER_KEYSET_NOT_RELOADED = new ProblemType("master-keyset-not-reloaded", 503,
            "Master keyset not reloaded");

    public static final List<ProblemType> ALL = List.of(CONNECTION_NOT_FOUND, CONNECTION_EXISTS, STALE_REVISION,
            CONCURRENT_CHANGE, IF_MATCH_REQUIRED, SETUP_CHECKS_FAILED, CONSENT_NOT_APPLICABLE, CONSENT_CALLBACK_REFUSED,
            CONSENT_NOT_REDEEMED, TOKEN_SETUP_INCOMPLETE, TOKEN_REFUSED, TOKEN_AUTHORITY_UNREACHABLE,
            MASTER_KEYSET_NOT_RELOADED, CommonProblems.INVALID_REQUEST, CommonProblems.INVALID_CURSOR,
            CommonProblems.UNAUTHORIZED, CommonProblems.FORBIDDEN, CommonProblems.NOT_FOUND,
            CommonProblems.METHOD_NOT_ALLOWED, CommonProblems.NOT_ACCEPTABLE, CommonProblems.UNSUPPORTED_MEDIA_TYPE,
            CommonProblems.INTERNAL);

    private ConfigProblems() {
    }
}
