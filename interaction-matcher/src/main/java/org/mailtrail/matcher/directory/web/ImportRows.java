package org.mailtrail.matcher.directory.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the rows of an import request one at a time, with the line each row starts on. A row
 * whose values do not fit is reported and reading goes on; a body that is not a JSON array or a
 * CSV with a header at all cannot be read and is refused as a whole.
 */
final class ImportRows {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.TRIM_HEADER_SPACES)
            .build();

    private ImportRows() {
    }

    /** A JSON array of rows; each element is bound on its own, so a wrong value spoils only its row. */
    static <T> List<ParsedRow<T>> fromJson(InputStream body, JsonMapper mapper, Class<T> rowType, int maxRows) {
        List<ParsedRow<T>> rows = new ArrayList<>();
        // Each element is read on its own from the middle of the array: what follows it is no error.
        ObjectReader elements = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnreadableImportException("expected a JSON array of rows", 1);
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new UnreadableImportException("the JSON array is not closed",
                            (int) parser.currentLocation().getLineNr());
                }
                if (rows.size() == maxRows) {
                    throw new TooManyRowsException(maxRows);
                }
                int line = (int) parser.currentTokenLocation().getLineNr();
                JsonNode element = elements.readValue(parser);
                rows.add(bind(element, line, mapper, rowType));
            }
        } catch (StreamReadException e) {
            throw new UnreadableImportException("not valid JSON: " + e.getOriginalMessage(),
                    e.getLocation() == null ? 0 : (int) e.getLocation().getLineNr());
        }
        return rows;
    }

    /** A CSV with a header row; columns are found by name, and {@code required} ones must be there. */
    static <T> List<ParsedRow<T>> fromCsv(InputStream body, Set<String> required,
            Function<CsvRecord, T> toRow, int maxRows) {
        List<ParsedRow<T>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> records = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            checkHeader(records, required);
            int line = 2;
            while (records.hasNextValue()) {
                if (rows.size() == maxRows) {
                    throw new TooManyRowsException(maxRows);
                }
                Map<String, String> values = records.nextValue();
                List<RowProblem> problems = new ArrayList<>();
                T row = toRow.apply(new CsvRecord(line, values, problems));
                rows.add(new ParsedRow<>(line, row, problems));
                // The next row starts on the line after the one this row ended on (quoted values may span lines).
                line = (int) records.currentLocation().getLineNr();
                if (records.currentLocation().getColumnNr() > 1) {
                    line++;
                }
            }
        } catch (StreamReadException e) {
            throw new UnreadableImportException("not valid CSV: " + e.getOriginalMessage(),
                    e.getLocation() == null ? 0 : (int) e.getLocation().getLineNr());
        }
        return rows;
    }

    /** Reading ahead to the first row reads the header, which then names the parser's columns. */
    private static void checkHeader(MappingIterator<Map<String, String>> records, Set<String> required) {
        records.hasNextValue();
        Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (records.parser().getSchema() instanceof CsvSchema schema) {
            schema.forEach(column -> present.add(column.getName()));
        }
        List<String> missing = required.stream().filter(column -> !present.contains(column)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new UnreadableImportException("the CSV header lacks the column(s) " + String.join(", ", missing)
                    + (present.isEmpty() ? "" : "; it has " + String.join(", ", present)), 1);
        }
    }

    private static <T> ParsedRow<T> bind(JsonNode element, int line, JsonMapper mapper, Class<T> rowType) {
        if (!element.isObject()) {
            return new ParsedRow<>(line, null, List.of(new RowProblem(line, null, "a row must be a JSON object")));
        }
        try {
            return new ParsedRow<>(line, mapper.treeToValue(element, rowType), List.of());
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getPropertyName();
            return new ParsedRow<>(line, null, List.of(new RowProblem(line, field, e.getOriginalMessage())));
        }
    }
}
