package org.mailtrail.platform.web;

import java.util.List;

import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;
import org.mailtrail.platform.problem.ProblemType;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one factory of problem details: every error body of every service is made here, from a
 * {@link ProblemType}, so each carries its stable {@code type} URI, its status and title, and, when
 * fields were refused, {@code errors}.
 */
public final class Problems {

    /** Writes a problem as the API's converter does: its extra members at the top level, nothing empty. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail of(ProblemType type, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = of(type, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ProblemDetail of(ProblemException exception) {
        ProblemDetail problem = of(exception.type(), exception.getMessage(), exception.errors());
        exception.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * The problem as {@code application/problem+json} bytes, for the few places that must write a
     * body themselves (a security entry point, a webhook that answers before it reads the body).
     */
    public static byte[] toJson(ProblemDetail problem) {
        return JSON.writeValueAsBytes(problem);
    }

    private Problems() {
    }
}
