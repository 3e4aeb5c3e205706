package org.mailtrail.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error the API answers as {@code application/problem+json} of its {@link ProblemType}. Domain
 * exceptions extend it (or it is thrown as it is); one handler in the platform renders every one, so
 * no feature writes its own error handling.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> errors;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldProblem> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldProblem> errors, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    /** The fields that were refused, for the problem's {@code errors}; empty when it is not about fields. */
    public List<FieldProblem> errors() {
        return errors;
    }

    /** More members of the problem, such as {@code currentRevision}. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** Response headers that go with the problem, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    protected final void property(String name, Object value) {
        properties.put(name, value);
    }

    protected final void header(String name, String value) {
        headers.put(name, value);
    }
}
