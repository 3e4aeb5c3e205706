package org.mailtrail.config.connection.web;

import java.util.List;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** A replace without If-Match: it could silently overwrite someone else's change, so it is refused (428). */
class MissingIfMatchException extends ProblemException {

    MissingIfMatchException() {
        super(ConfigProblems.IF_MATCH_REQUIRED,
                "PUT needs an If-Match header with the ETag of the revision being replaced (GET the connection first)",
                List.of(new FieldProblem("If-Match", "is required on PUT")));
    }
}
