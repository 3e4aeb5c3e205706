package org.mailtrail.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

/** A request refused for what some of its fields hold: 400 {@code invalid-request}, one entry per field. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(List<FieldProblem> errors) {
        super(CommonProblems.INVALID_REQUEST, summary(errors), errors);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    /** The one line a problem's {@code detail} gives for its field errors. */
    public static String summary(List<FieldProblem> errors) {
        return errors.isEmpty() ? "invalid request"
                : errors.stream().map(error -> error.field() + ": " + error.reason()).collect(Collectors.joining("; "));
    }
}
