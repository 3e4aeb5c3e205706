package org.mailtrail.config.connection.web;

import java.util.List;

import org.mailtrail.config.connection.domain.ConcurrentChangeException;
import org.mailtrail.config.connection.domain.ConnectionAlreadyExistsException;
import org.mailtrail.config.connection.domain.ConnectionNotFoundException;
import org.mailtrail.config.connection.domain.StaleRevisionException;
import org.mailtrail.platform.web.ApiExceptionHandler.FieldProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The connection errors as problem details; they apply to every controller that works on connections. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConnectionProblems {

    @ExceptionHandler(ConnectionNotFoundException.class)
    ProblemDetail notFound(ConnectionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Connection not found", e.getMessage());
    }

    @ExceptionHandler(ConnectionAlreadyExistsException.class)
    ProblemDetail exists(ConnectionAlreadyExistsException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Connection exists", e.getMessage());
        problem.setProperty("errors", List.of(new FieldProblem("id", "is taken by another connection")));
        return problem;
    }

    @ExceptionHandler(StaleRevisionException.class)
    ProblemDetail stale(StaleRevisionException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "Stale revision", e.getMessage());
        problem.setProperty("currentRevision", e.currentRevision());
        return problem;
    }

    @ExceptionHandler(ConcurrentChangeException.class)
    ProblemDetail concurrent(ConcurrentChangeException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change", e.getMessage());
    }

    @ExceptionHandler(MissingIfMatchException.class)
    ProblemDetail missingIfMatch(MissingIfMatchException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", e.getMessage());
        problem.setProperty("errors", List.of(new FieldProblem("If-Match", "is required on PUT")));
        return problem;
    }

    @ExceptionHandler(PathMismatchException.class)
    ProblemDetail pathMismatch(PathMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.field() + ": " + e.getMessage());
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
