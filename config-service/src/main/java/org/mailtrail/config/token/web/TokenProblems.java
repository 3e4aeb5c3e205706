package org.mailtrail.config.token.web;

import org.mailtrail.config.token.domain.TokenAcquisitionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * No token: 409 when the connection's setup is at fault (no secret, unreadable secret, no consent), 502 when
 * Entra refused, 504 when it did not answer. {@code reason} and {@code aadsts} let a caller tell them apart.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenProblems {

    @ExceptionHandler(TokenAcquisitionException.class)
    ProblemDetail noToken(TokenAcquisitionException e) {
        HttpStatus status = switch (e.reason()) {
            case REJECTED -> HttpStatus.BAD_GATEWAY;
            case UNREACHABLE -> HttpStatus.GATEWAY_TIMEOUT;
            default -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle("No token for the connection");
        problem.setProperty("reason", e.reason().name());
        if (e.code() != null) {
            problem.setProperty("aadsts", e.code());
        }
        return problem;
    }
}
