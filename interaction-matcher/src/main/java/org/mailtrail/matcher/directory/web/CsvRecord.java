package org.mailtrail.matcher.directory.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CSV row by column name (case-insensitive), with the conversions the import needs: a list
 * column holds its values separated by {@code ;}, a flag column {@code true}/{@code false}
 * (also {@code yes}/{@code no}, {@code 1}/{@code 0}, empty = false).
 */
final class CsvRecord {

    static final String LIST_SEPARATOR = ";";

    private final int line;
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<RowProblem> problems;

    CsvRecord(int line, Map<String, String> values, List<RowProblem> problems) {
        this.line = line;
        this.values.putAll(values);
        this.problems = problems;
    }

    String text(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value.trim();
    }

    List<String> list(String column) {
        String value = text(column);
        return value == null ? List.of()
                : Arrays.stream(value.split(LIST_SEPARATOR)).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    Boolean flag(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> {
                problems.add(new RowProblem(line, column, "must be true or false, not '" + value + "'"));
                yield null;
            }
        };
    }
}
