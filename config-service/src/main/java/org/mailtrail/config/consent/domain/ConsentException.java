package org.mailtrail.config.consent.domain;

import java.util.List;

import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;
import org.mailtrail.platform.problem.ProblemType;

/** A consent that cannot start or did not complete; {@code field} names the request part at fault. */
public class ConsentException extends ProblemException {

    public ConsentException(ProblemType type, String field, String reason) {
        super(type, field + ": " + reason, List.of(new FieldProblem(field, reason)));
    }
}
