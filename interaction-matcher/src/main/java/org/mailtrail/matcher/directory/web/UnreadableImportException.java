package org.mailtrail.matcher.directory.web;

import java.util.List;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.ProblemException;

/**
 * The request body as a whole cannot be read as rows: not a JSON array, broken syntax, a CSV header
 * without a required column. The problem names the line, as {@code line} and in its detail.
 */
class UnreadableImportException extends ProblemException {

    private final int line;

    UnreadableImportException(String reason, int line) {
        super(MatcherProblems.UNREADABLE_IMPORT, reason + " (line " + line + ")",
                List.of(new FieldProblem("body", reason)));
        this.line = line;
        property("line", line);
    }

    int line() {
        return line;
    }
}
