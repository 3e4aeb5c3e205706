package org.mailtrail.console.services;

import java.util.List;

import org.mailtrail.platform.problem.FieldProblem;

/**
 * A service refused a request or did not answer: what a page shows in place of what it asked for.
 *
 * @param status the service's HTTP status; 503 when it did not answer at all
 * @param title the problem's title (e.g. "Interaction not found")
 * @param detail why, in the service's words
 * @param errors the fields (or CSV lines) it refused, with their reasons
 */
public class ServiceProblem extends RuntimeException {

    private final String service;
    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldProblem> errors;

    public ServiceProblem(String service, int status, String title, String detail, List<FieldProblem> errors) {
        super(service + " answered " + status + ": " + (detail == null ? title : detail));
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static ServiceProblem unreachable(String service, Exception cause) {
        ServiceProblem problem = new ServiceProblem(service, 503, service + " does not answer",
                "The console could not reach " + service + "; try again in a moment.", List.of());
        problem.initCause(cause);
        return problem;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
