package org.mailtrail.console.completeness;

import java.util.List;
import java.util.Map;

import org.mailtrail.console.services.Rematch;
import org.mailtrail.console.services.ServiceProblem;

/**
 * The part of a connection's ledger that matches its held mail again: the form, what was refused in it, and the
 * latest runs.
 *
 * @param errors the form's fields the console refused, with the reasons
 * @param refused the matcher's refusal of the run asked for; absent when it took it, or none was asked for
 * @param runs the latest runs, the newest first; empty when they could not be read
 * @param runsUnavailable why the runs could not be read; absent when they were
 */
record RematchPart(RematchForm form, Map<String, String> errors, ServiceProblem refused, List<Rematch> runs,
        ServiceProblem runsUnavailable) {

    RematchPart {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }
}
