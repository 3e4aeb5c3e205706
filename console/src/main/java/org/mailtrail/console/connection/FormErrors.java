package org.mailtrail.console.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailtrail.console.services.ConnectionForm;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.problem.FieldProblem;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Why a connection form was not taken, per field, in the words of whoever refused it: the console's own bounds, or
 * config-service's validation (whose names of list entries, such as {@code matching.freeMailDomains[2]}, are mapped
 * to the field that holds the list, and whose {@code hold.folder} is the form's {@code holdFolder}). A refusal that
 * names no field of the form is kept whole for the top of the page.
 */
public final class FormErrors {

    /** An error as the list above the form shows it, linking to its field. */
    public record Entry(String field, String label, String reason) {
    }

    private static final Pattern LIST_ENTRY = Pattern.compile("(?:matching\\.)?(\\w+)\\[(\\d+)\\]");

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private ServiceProblem problem;

    public static FormErrors none() {
        return new FormErrors();
    }

    /** The console's own refusals: binding, bounds, and what the form itself says cannot be sent. */
    public static FormErrors of(BindingResult binding, List<FieldProblem> problems) {
        FormErrors errors = new FormErrors();
        for (FieldError error : binding.getFieldErrors()) {
            errors.add(error.getField(), error.isBindingFailure() ? "is not valid" : error.getDefaultMessage());
        }
        problems.forEach(problem -> errors.add(problem.field(), problem.reason()));
        return errors;
    }

    /** A service's refusal of the form: its field errors beside their fields, the problem itself above the form. */
    public static FormErrors of(ServiceProblem problem, ConnectionForm form) {
        FormErrors errors = new FormErrors();
        errors.problem = problem;
        for (FieldProblem error : problem.errors()) {
            String field = ConnectionForm.fieldOf(error.field());
            Matcher entry = LIST_ENTRY.matcher(error.field());
            if (entry.matches()) {
                String value = form.entry(entry.group(1), Integer.parseInt(entry.group(2)));
                errors.add(entry.group(1), (value == null ? "entry " + (Integer.parseInt(entry.group(2)) + 1)
                        : "“" + value + "”") + " " + error.reason());
            } else {
                errors.add(field, error.reason());
            }
        }
        return errors;
    }

    public FormErrors add(String field, String reason) {
        byField.computeIfAbsent(field, name -> new ArrayList<>()).add(reason);
        return this;
    }

    public boolean any() {
        return !byField.isEmpty() || problem != null;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** Every reason given for the field, as one sentence. */
    public String text(String field) {
        return String.join("; ", byField.getOrDefault(field, List.of()));
    }

    /** The ids that describe the field's control: its help, and its error when it has one. */
    public String describedBy(String field) {
        return field + "-help" + (has(field) ? " " + field + "-error" : "");
    }

    /** The errors of the form's own fields, for the list above it. */
    public List<Entry> entries() {
        return byField.entrySet().stream().filter(field -> ConnectionForm.isField(field.getKey()))
                .sorted(Comparator.comparingInt(field -> ConnectionForm.position(field.getKey())))
                .map(field -> new Entry(field.getKey(), ConnectionForm.label(field.getKey()),
                        String.join("; ", field.getValue())))
                .toList();
    }

    /** Errors of fields the form does not show (a path or header the service refused). */
    public List<String> other() {
        return byField.entrySet().stream().filter(field -> !ConnectionForm.isField(field.getKey()))
                .map(field -> field.getKey() + ": " + String.join("; ", field.getValue())).toList();
    }

    /** The service's refusal, when a service refused the form. */
    public ServiceProblem problem() {
        return problem;
    }
}
