package org.mailtrail.matcher.directory.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.ContactNotFoundException;
import org.mailtrail.matcher.directory.domain.ContactVisibility;
import org.mailtrail.matcher.directory.domain.DirectoryService;
import org.mailtrail.matcher.directory.domain.DirectorySummary;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk upsert of the directory. Rows are upserted by id (a repeated id in one request: the last
 * row wins); nothing is deleted here — deletions come from the CRM's topics as tombstones.
 */
@RestController
@RequestMapping("/api/directory")
@Tag(name = "Directory", description = "Contacts and salespeople the matcher matches mail against")
class DirectoryController {

    static final String CSV = "text/csv";
    static final String CONTACTS_CSV_EXAMPLE = "contactId,name,type,companyId,companyName,email,alternateEmails\n"
            + "CT101,Lars Holm,PERSON,CT100,Fabrikam,lars.holm@fabrikam.com,lars@holm.example";
    static final String SALESPEOPLE_CSV_EXAMPLE = "code,name,emails\nAB,Anna Berg,anna.berg@contoso.com;a.berg@contoso.de";

    private final DirectoryService directory;
    private final ContactVisibility visibility;
    private final JsonMapper json;
    private final int maxRows;

    DirectoryController(DirectoryService directory, ContactVisibility visibility, JsonMapper json,
            MatcherProperties properties) {
        this.directory = directory;
        this.visibility = visibility;
        this.json = json;
        this.maxRows = properties.maxImportRows();
    }

    @Operation(summary = "Upsert contacts from a JSON array",
            description = "Each row: contactId, name, type (PERSON|COMPANY), companyId, companyName, email, "
                    + "alternateEmails (array), privacyBlocked. Bad rows are reported by line; good rows are kept.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = ContactRow.class))),
                    @Content(mediaType = CSV, schema = @Schema(type = "string", example = CONTACTS_CSV_EXAMPLE)) }))
    @PutMapping(path = "/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importContactsFromJson(InputStream body) {
        return importContacts(ImportRows.fromJson(body, json, ContactRow.class, maxRows));
    }

    @Operation(summary = "Upsert contacts from CSV",
            description = "A header row names the columns contactId, type (required), name, companyId, companyName, "
                    + "email, alternateEmails (separated by ;), privacyBlocked.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = ContactRow.class))),
                    @Content(mediaType = CSV, schema = @Schema(type = "string", example = CONTACTS_CSV_EXAMPLE)) }))
    @PutMapping(path = "/contacts", consumes = CSV)
    ImportReport importContactsFromCsv(InputStream body) {
        return importContacts(ImportRows.fromCsv(body, Set.of("contactId", "type"),
                record -> new ContactRow(record.text("contactId"), record.text("name"), record.text("type"),
                        record.text("companyId"), record.text("companyName"), record.text("email"),
                        record.list("alternateEmails"), record.flag("privacyBlocked")),
                maxRows));
    }

    @Operation(summary = "Upsert salespeople from a JSON array", description = "Each row: code, name, emails (array).",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = SalespersonRow.class))),
                    @Content(mediaType = CSV, schema = @Schema(type = "string", example = SALESPEOPLE_CSV_EXAMPLE)) }))
    @PutMapping(path = "/salespeople", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importSalespeopleFromJson(InputStream body) {
        return importSalespeople(ImportRows.fromJson(body, json, SalespersonRow.class, maxRows));
    }

    @Operation(summary = "Upsert salespeople from CSV",
            description = "A header row names the columns code (required), name, emails (separated by ;).",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = SalespersonRow.class))),
                    @Content(mediaType = CSV, schema = @Schema(type = "string", example = SALESPEOPLE_CSV_EXAMPLE)) }))
    @PutMapping(path = "/salespeople", consumes = CSV)
    ImportReport importSalespeopleFromCsv(InputStream body) {
        return importSalespeople(ImportRows.fromCsv(body, Set.of("code"),
                record -> new SalespersonRow(record.text("code"), record.text("name"), record.list("emails")),
                maxRows));
    }

    @Operation(summary = "How many contacts, salespeople and addresses the matcher knows")
    @GetMapping
    DirectorySummary summary() {
        return directory.summary();
    }

    @Operation(summary = "One contact as the matcher knows it",
            description = "A salesperson sees the contacts it has interactions with; for any other, 404.")
    @GetMapping("/contacts/{contactId}")
    Contact contact(@PathVariable String contactId) {
        if (!visibility.visibleToCaller(contactId)) {
            throw new ContactNotFoundException(contactId);
        }
        return directory.contact(contactId);
    }

    @Operation(summary = "One salesperson as the matcher knows it")
    @GetMapping("/salespeople/{code}")
    Salesperson salesperson(@PathVariable String code) {
        return directory.salesperson(code);
    }

    private ImportReport importContacts(List<ParsedRow<ContactRow>> rows) {
        List<Contact> valid = new ArrayList<>(rows.size());
        List<RowProblem> problems = new ArrayList<>();
        int rejected = validate(rows, problems, (row, rowProblems) -> RowValidation.contact(row.row(), row.line(),
                rowProblems), valid::add);
        directory.upsertContacts(valid);
        return ImportReport.of(rows.size(), valid.size(), rejected, problems);
    }

    private ImportReport importSalespeople(List<ParsedRow<SalespersonRow>> rows) {
        List<Salesperson> valid = new ArrayList<>(rows.size());
        List<RowProblem> problems = new ArrayList<>();
        int rejected = validate(rows, problems, (row, rowProblems) -> RowValidation.salesperson(row.row(),
                row.line(), rowProblems), valid::add);
        directory.upsertSalespeople(valid);
        return ImportReport.of(rows.size(), valid.size(), rejected, problems);
    }

    /** Validates every row that could be read, collects the problems, and returns how many rows were refused. */
    private static <R, E> int validate(List<ParsedRow<R>> rows, List<RowProblem> problems,
            BiFunction<ParsedRow<R>, List<RowProblem>, Optional<E>> toEntry, Consumer<E> accepted) {
        int rejected = 0;
        for (ParsedRow<R> row : rows) {
            List<RowProblem> rowProblems = new ArrayList<>(row.problems());
            Optional<E> entry = row.row() == null ? Optional.empty() : toEntry.apply(row, rowProblems);
            if (entry.isPresent() && rowProblems.isEmpty()) {
                accepted.accept(entry.get());
            } else {
                rejected++;
            }
            problems.addAll(rowProblems);
        }
        return rejected;
    }
}
