package org.mailtrail.matcher.directory.web;

import java.util.List;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** A request with more rows than one import takes. */
class TooManyRowsException extends ProblemException {

    TooManyRowsException(int maxRows) {
        super(MatcherProblems.TOO_MANY_ROWS, message(maxRows), List.of(new FieldProblem("body", message(maxRows))));
    }

    private static String message(int maxRows) {
        return "at most " + maxRows + " rows per request; split the import";
    }
}
