package org.mailtrail.platform.web;

import java.util.List;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/** A paging cursor this service did not issue. */
public class InvalidCursorException extends ProblemException {

    public InvalidCursorException(String token) {
        super(CommonProblems.INVALID_CURSOR, "not a cursor this service issued",
                List.of(new FieldProblem("cursor", "not a cursor this service issued")));
    }
}
