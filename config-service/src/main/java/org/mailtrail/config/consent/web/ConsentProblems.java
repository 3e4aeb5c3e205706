package org.mailtrail.config.consent.web;

import java.util.List;

import org.mailtrail.config.consent.domain.ConsentException;
import org.mailtrail.platform.web.ApiExceptionHandler.FieldProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsentProblems {

    @ExceptionHandler(ConsentException.class)
    ProblemDetail consent(ConsentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()),
                e.field() + ": " + e.getMessage());
        problem.setTitle("Consent failed");
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        return problem;
    }
}
