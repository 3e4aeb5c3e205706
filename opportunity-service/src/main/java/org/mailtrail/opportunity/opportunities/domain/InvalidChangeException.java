package org.mailtrail.opportunity.opportunities.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A change that cannot be applied as asked, with the field and reason of each problem. */
public class InvalidChangeException extends RuntimeException {

    /** One refused field, and why. */
    public record Violation(String field, String reason) {
    }

    private final List<Violation> violations;

    public InvalidChangeException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
