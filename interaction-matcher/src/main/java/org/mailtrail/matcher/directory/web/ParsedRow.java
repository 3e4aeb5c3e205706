package org.mailtrail.matcher.directory.web;

import java.util.List;

/**
 * One row of an import as read: its line in the request body, the row when it could be read,
 * and what was wrong with it.
 */
record ParsedRow<T>(int line, T row, List<RowProblem> problems) {

    ParsedRow {
        problems = List.copyOf(problems);
    }
}
