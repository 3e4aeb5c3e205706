package org.mailtrail.platform.problem;

/** One field (body field, path variable, query parameter or header) that was refused, and why. */
public record FieldProblem(String field, String reason) {
}
