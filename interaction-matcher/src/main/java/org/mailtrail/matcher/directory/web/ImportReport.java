package org.mailtrail.matcher.directory.web;

import java.util.List;

/**
 * The outcome of a bulk import.
 *
 * @param received rows read from the request
 * @param upserted rows that were valid and are now in the directory
 * @param rejected rows with at least one problem; none of their fields was applied
 * @param errors one entry per problem, at most {@link #MAX_ERRORS} of them
 * @param errorsTruncated whether more problems were found than listed
 */
public record ImportReport(int received, int upserted, int rejected, List<RowProblem> errors,
        boolean errorsTruncated) {

    public static final int MAX_ERRORS = 1_000;

    static ImportReport of(int received, int upserted, int rejected, List<RowProblem> problems) {
        boolean truncated = problems.size() > MAX_ERRORS;
        return new ImportReport(received, upserted, rejected,
                truncated ? List.copyOf(problems.subList(0, MAX_ERRORS)) : List.copyOf(problems), truncated);
    }
}
