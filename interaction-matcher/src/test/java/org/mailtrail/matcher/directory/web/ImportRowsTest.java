package org.mailtrail.matcher.directory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;

class ImportRowsTest {

    private static final Set<String> REQUIRED = Set.of("contactId", "type");

    @Test
    void numbersCsvRowsByTheLineTheyStartOnEvenAfterAQuotedLineBreak() {
        List<ParsedRow<ContactRow>> rows = csv("""
                contactId,name,type,email,alternateEmails,privacyBlocked
                CT1,Lars,PERSON,lars@fabrikam.com,lars@holm.example;l.holm@fabrikam.com,false

                CT2,"Mia
                Sand",PERSON,mia@fabrikam.com,,yes
                CT3,Kim,PERSON,kim@litware.com,,maybe
                """);

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2, 4, 6);
        assertThat(rows.get(0).row().alternateEmails()).containsExactly("lars@holm.example", "l.holm@fabrikam.com");
        assertThat(rows.get(1).row().name()).isEqualTo("Mia\nSand");
        assertThat(rows.get(1).row().privacyBlocked()).isTrue();
        assertThat(rows.get(2).problems()).containsExactly(
                new RowProblem(6, "privacyBlocked", "must be true or false, not 'maybe'"));
    }

    @Test
    void findsCsvColumnsByNameInAnyOrderAndCase() {
        List<ParsedRow<ContactRow>> rows = csv("""
                EMAIL, Type ,CONTACTID
                lars@fabrikam.com,person,CT1
                """);

        assertThat(rows.get(0).row()).extracting(ContactRow::contactId, ContactRow::type, ContactRow::email)
                .containsExactly("CT1", "person", "lars@fabrikam.com");
    }

    @Test
    void refusesACsvWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> csv("""
                id,name
                CT1,Lars
                """)).isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("lacks the column(s) contactId, type");
    }

    @Test
    void numbersJsonRowsByTheLineTheirObjectStartsOnAndKeepsReadingAfterABadValue() {
        List<ParsedRow<ContactRow>> rows = json("""
                [
                  {"contactId": "CT1", "type": "PERSON"},
                  {"contactId": "CT2",
                   "type": "PERSON", "privacyBlocked": {"no": "object"}},
                  "not a row",
                  {"contactId": "CT3", "type": "COMPANY"}
                ]
                """);

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2, 3, 5, 6);
        assertThat(rows.get(1).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("privacyBlocked"));
        assertThat(rows.get(2).problems()).extracting(RowProblem::reason).containsExactly("a row must be a JSON object");
        assertThat(rows.get(3).row().contactId()).isEqualTo("CT3");
    }

    @Test
    void refusesJsonThatIsNotAnArrayOrIsBroken() {
        assertThatThrownBy(() -> json("{\"contactId\": \"CT1\"}")).isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> json("[\n{\"contactId\": \"CT1\"},\n{\"contactId\": }\n]"))
                .isInstanceOf(UnreadableImportException.class).hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(((UnreadableImportException) e).line()).isEqualTo(3));
    }

    @Test
    void stopsReadingBeyondTheRowLimit() {
        String body = "contactId,type\n" + "CT,PERSON\n".repeat(4);

        assertThatThrownBy(() -> ImportRows.fromCsv(stream(body), REQUIRED, ImportRowsTest::contactRow, 3))
                .isInstanceOf(TooManyRowsException.class).hasMessage("at most 3 rows per request; split the import");
        assertThat(ImportRows.fromCsv(stream(body), REQUIRED, ImportRowsTest::contactRow, 4)).hasSize(4);
    }

    private static List<ParsedRow<ContactRow>> csv(String body) {
        return ImportRows.fromCsv(stream(body), REQUIRED, ImportRowsTest::contactRow, 100);
    }

    private static List<ParsedRow<ContactRow>> json(String body) {
        return ImportRows.fromJson(stream(body), ContractJson.mapper(), ContactRow.class, 100);
    }

    private static ContactRow contactRow(CsvRecord record) {
        return new ContactRow(record.text("contactId"), record.text("name"), record.text("type"),
                record.text("companyId"), record.text("companyName"), record.text("email"),
                record.list("alternateEmails"), record.flag("privacyBlocked"));
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
