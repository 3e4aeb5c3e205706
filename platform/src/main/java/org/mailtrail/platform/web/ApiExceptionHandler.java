package org.mailtrail.platform.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.platform.problem.CommonProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.problem.ProblemException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

/**
 * Every error of every service's API as {@code application/problem+json}, in one place: a
 * {@link ProblemException} as its type says, bean validation as {@code invalid-request} with one
 * entry per field in {@code errors}, as is a parameter of the wrong type or a body that cannot be
 * read; and what the framework refuses by itself (an unknown path, a wrong method) with the common
 * type of its status. No feature handles errors of its own.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** RFC 9457's type of a problem that says nothing beyond its status. */
    private static final String ABOUT_BLANK = "about:blank";

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException exception) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(exception.type().status());
        exception.headers().forEach(response::header);
        return response.body(Problems.of(exception));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::toProblem).toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return invalid(ex, errors, headers, request);
    }

    /**
     * A constraint on a parameter of a {@code @Validated} controller (a path variable's or query parameter's
     * pattern, size or range) is checked before the method runs and refused like any other field.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(violation -> new FieldProblem(lastName(violation.getPropertyPath()), violation.getMessage()))
                .toList();
        return invalid(ex, errors, new HttpHeaders(), request);
    }

    /** {@code token.refused} → {@code refused}: the parameter, without the method it belongs to. */
    private static String lastName(Path path) {
        String name = "parameter";
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }

    /**
     * A query parameter or path variable that is not of its type ({@code limit=abc},
     * {@code direction=SIDEWAYS}) is a refused field like any other, with what it must be.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        return invalid(ex, List.of(new FieldProblem(field == null ? "parameter" : field,
                "must be " + expected(ex.getRequiredType()) + ", not '" + ex.getValue() + "'")), headers, request);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-27T09:00:00Z";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        return "a " + type.getSimpleName();
    }

    /**
     * A body that cannot be read as the request type (broken JSON, an unknown enum value, a string
     * where a list belongs) is a refused field like a validation error, named by its path. The
     * rejected value is never repeated: it might be a secret.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, List.of(UnreadableBodies.describe(ex)), headers, request);
    }

    /** The framework's own problems (404, 405, 415, …) get the common type of their status, and keep their title. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType().toString()))) {
            problem.setType(CommonProblems.forStatus(statusCode.value()).uri());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(Exception ex, List<FieldProblem> errors, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = Problems.of(CommonProblems.INVALID_REQUEST, InvalidRequestException.summary(errors),
                errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(400), request);
    }

    private static FieldProblem toProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }
}
