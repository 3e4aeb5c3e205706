package org.mailtrail.console.services;

import java.util.List;

/**
 * What a directory import did.
 *
 * @param received rows read from the file
 * @param upserted rows taken: now in the directory
 * @param rejected rows refused; nothing of them was applied
 * @param errors one per problem, each naming the line of the file it is on (at most 1,000)
 * @param errorsTruncated whether there were more problems than listed
 */
public record ImportReport(int received, int upserted, int rejected, List<RowError> errors, boolean errorsTruncated) {

    public ImportReport {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** Why a row was refused: the line of the file it starts on, the column (absent for the row as a whole), why. */
    public record RowError(int line, String field, String reason) {
    }
}
