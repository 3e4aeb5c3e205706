package org.mailtrail.console.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.console.services.ImportReport;

/**
 * An import's report as the page shows it: the refused rows, each with the line of the file it came from and every
 * problem the matcher found in it.
 */
record ImportResult(String kind, ImportReport report, List<RefusedLine> refused) {

    /**
     * @param text the line as the file has it; absent when the file has no such line
     */
    record RefusedLine(int line, String text, List<ImportReport.RowError> errors) {
    }

    static ImportResult of(String kind, ImportReport report, ImportFile file) {
        Map<Integer, List<ImportReport.RowError>> byLine = new LinkedHashMap<>();
        report.errors().forEach(error -> byLine.computeIfAbsent(error.line(), line -> new ArrayList<>()).add(error));
        Map<Integer, String> lines = file.lines(byLine.keySet());
        List<RefusedLine> refused = new ArrayList<>();
        byLine.forEach((line, errors) -> refused.add(new RefusedLine(line, lines.get(line), List.copyOf(errors))));
        return new ImportResult(kind, report, List.copyOf(refused));
    }
}
