package org.mailtrail.console.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.services.ImportReport;
import org.springframework.mock.web.MockMultipartFile;

class ImportFileTest {

    private static final long MAX = 20 * 1024 * 1024;

    @Test
    void givesTheTextOfTheLinesAsTheMatcherNumbersThemWhateverTheLineEnds() {
        ImportFile file = file("contactId,type\r\nCT-1,PERSON\nCT-2,ROBOT\rCT-3,\r\n\r\nCT-5,PERSON");

        assertThat(file.lines(List.of(1, 3, 4, 5, 6, 7))).containsExactlyInAnyOrderEntriesOf(Map.of(
                1, "contactId,type", 3, "CT-2,ROBOT", 4, "CT-3,", 5, "", 6, "CT-5,PERSON"));
    }

    @Test
    void cutsALongLineItShows() {
        ImportFile file = file("h\n" + "x".repeat(1000));

        assertThat(file.lines(List.of(2)).get(2)).hasSize(ImportFile.MAX_SHOWN_CHARS + 1).endsWith("…");
    }

    @Test
    void sendsTheFileWithoutTheByteOrderMarkSpreadsheetsWrite() {
        byte[] withBom = "\uFEFFcode,name\nAB,Anna".getBytes(StandardCharsets.UTF_8);

        ImportFile file = ImportFile.of("people.csv", withBom, withBom.length, MAX);

        assertThat(new String(file.csv(), StandardCharsets.UTF_8)).isEqualTo("code,name\nAB,Anna");
        assertThat(file.lines(List.of(1))).containsEntry(1, "code,name");
    }

    @Test
    void refusesAFileThatIsNotUtf8TextSayingHowToSaveIt() {
        byte[] latin1 = "code,name\nAB,Jürgen".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ImportFile.of("people.csv", latin1, latin1.length, MAX))
                .hasMessage("The file people.csv is not UTF-8 text. If it is a spreadsheet, save it as \"CSV UTF-8\" "
                        + "and choose that file.");
    }

    @Test
    void refusesBinaryDataNamingTheLineItStartsOn() {
        byte[] binary = "code,name\nAB,Anna\n\u0000\u0001PK".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ImportFile.of("people.xlsx", binary, binary.length, MAX))
                .hasMessage("The file people.xlsx is not text: it holds binary data (line 3). Choose a CSV file.");
    }

    @Test
    void refusesAnEmptyOrBlankFileAndOneLargerThanTheLimit() {
        assertThatThrownBy(() -> ImportFile.of("a.csv", new byte[0], 0, MAX)).hasMessageStartingWith(
                "The file a.csv is empty");
        byte[] blank = "\n \r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImportFile.of("a.csv", blank, blank.length, MAX)).hasMessageStartingWith(
                "The file a.csv holds only blank lines");
        assertThatThrownBy(() -> ImportFile.of("a.csv", null, MAX + 1, MAX)).hasMessage(
                "The file a.csv is larger than 20 MB, the most the console takes: split it into smaller files.");
    }

    @Test
    void refusesAnUploadWithoutAKindOrWithoutAFile() {
        MockMultipartFile csv = new MockMultipartFile("file", "a.csv", "text/csv", "code\nAB".getBytes());
        MockMultipartFile none = new MockMultipartFile("file", "", "application/octet-stream", new byte[0]);

        assertThatThrownBy(() -> ImportFile.of(null, csv, MAX)).hasMessage(
                "Choose whether the file holds contacts or salespeople.");
        assertThatThrownBy(() -> ImportFile.of("contacts", none, MAX)).hasMessage("Choose the CSV file to import.");
        assertThatThrownBy(() -> ImportFile.of("contacts", null, MAX)).hasMessage("Choose the CSV file to import.");
    }

    @Test
    void showsEachRefusedRowOnceWithAllItsErrorsAgainstItsLine() {
        ImportFile file = file("contactId,type,email\nCT-TEST-1,PERSON,a@x.example\nCT-TEST-2,ROBOT,nope\n");
        ImportReport report = new ImportReport(2, 1, 1, List.of(
                new ImportReport.RowError(3, "type", "must be PERSON or COMPANY, not 'ROBOT'"),
                new ImportReport.RowError(3, "email", "not an e-mail address: 'nope'"),
                new ImportReport.RowError(9, null, "a row must be a JSON object")), false);

        ImportResult result = ImportResult.of("contacts", report, file);

        assertThat(result.refused()).extracting(ImportResult.RefusedLine::line, ImportResult.RefusedLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "CT-TEST-2,ROBOT,nope"),
                        org.assertj.core.groups.Tuple.tuple(9, null));
        assertThat(result.refused().get(0).errors()).extracting(ImportReport.RowError::field)
                .containsExactly("type", "email");
    }

    private static ImportFile file(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ImportFile.of("test.csv", bytes, bytes.length, MAX);
    }
}
