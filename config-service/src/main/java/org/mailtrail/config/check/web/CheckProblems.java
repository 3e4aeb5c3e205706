package org.mailtrail.config.check.web;

import org.mailtrail.config.check.domain.EnableRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused enable: 409 with every check's result, so the administrator sees what to fix. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckProblems {

    @ExceptionHandler(EnableRefusedException.class)
    ProblemDetail refused(EnableRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                e.getMessage() + "; fix them, or pass force=true to enable anyway");
        problem.setTitle("Setup checks failed");
        problem.setProperty("checks", e.report().results());
        return problem;
    }
}
