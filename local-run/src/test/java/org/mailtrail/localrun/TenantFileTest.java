package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantFileTest {

    private static final Path EXAMPLE = Path.of("tenant.example.json").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void readsTheShippedExampleAsTheConnectionItCreates() {
        TenantFile tenant = TenantFile.read(EXAMPLE);

        assertThat(tenant.id()).isEqualTo("contoso-sales");
        assertThat(tenant.connection().path("mailbox").asString()).isEqualTo("crm-log@contoso.com");
        assertThat(tenant.connection().path("clientSecretRef").asString()).isEqualTo("env:GRAPH_CLIENT_SECRET");
        assertThat(tenant.connection().has("clientSecret")).as("no secret in a file meant to be copied").isFalse();
        assertThat(tenant.connection().has("notificationUrl")).as("a local run cannot receive Graph's notifications")
                .isFalse();
        assertThat(tenant.enables()).as("the example waits for the directory").isFalse();
        assertThat(tenant.connection().has("enabled")).as("created disabled; the run enables it after the checks")
                .isFalse();
    }

    @Test
    void saysWhatTheExamplesRunWillDoAndWhatItWillNot() {
        assertThat(TenantFile.read(EXAMPLE).plan()).containsExactly(
                "real tenant 7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10, mailbox crm-log@contoso.com, connection contoso-sales"
                        + " (from " + EXAMPLE + ")",
                "will: start Kafka, a MongoDB-protocol server, the four services and the console on this machine;"
                        + " Graph and Entra ID are Microsoft's, no emulator",
                "will: create the connection and run its setup checks against the mailbox",
                "won't: enable it (\"enabled\": false): nothing is read from the mailbox or moved in it until you load"
                        + " the directory and enable the connection; then:",
                "will: read every mail already in 'inbox', then look for new mail every PT1M (delta polling: no"
                        + " notificationUrl, Graph cannot reach a webhook on 127.0.0.1)",
                "won't: create demo data: no emulator tenant, no demo salespeople or contacts, no demo mail",
                "won't: delete any mail while the directory has no salespeople or no contacts: what is not logged is"
                        + " moved to 'Not logged' (held)",
                "then, once salespeople and contacts are loaded: logged mail is moved to 'archive'; mail from or to"
                        + " someone the directory does not know yet is held in 'Not logged' for P30D; other mail that is"
                        + " not logged is left in 'inbox' (unmatchedPolicy LEAVE)");
    }

    @Test
    void namesConfigServicesDefaultsForWhatAFileLeavesOut() throws Exception {
        Path file = write("""
                {"id": "sales", "tenantId": "contoso.onmicrosoft.com", "clientId": "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b",
                 "clientSecretRef": "env:GRAPH_CLIENT_SECRET", "authMode": "APPLICATION", "mailbox": "crm@contoso.com",
                 "hold": {"enabled": false}}
                """);

        assertThat(TenantFile.read(file).enables()).isTrue();
        assertThat(TenantFile.read(file).plan()).contains(
                "will: create the connection, run its setup checks against the mailbox, and enable it only if they pass",
                "will: read every mail already in 'inbox', then look for new mail every PT5M (delta polling: no"
                        + " notificationUrl, Graph cannot reach a webhook on 127.0.0.1)",
                "won't: delete any mail while the directory has no salespeople or no contacts: what is not logged is"
                        + " left in 'inbox'",
                "then, once salespeople and contacts are loaded: logged mail is moved to 'archive'; other mail that is"
                        + " not logged is deleted (unmatchedPolicy DELETE, MOVE_TO_DELETED_ITEMS)");
    }

    @Test
    void plansForPushWhenTheFileGivesAPublicNotificationUrl() throws Exception {
        Path file = write(exampleWith("\"notificationUrl\": \"https://mailtrail.contoso.com/graph/notifications\""));

        assertThat(TenantFile.read(file).plan()).contains("will: read every mail already in 'inbox', then take Graph's"
                + " notifications at https://mailtrail.contoso.com/graph/notifications, with a safety-net poll every PT1M");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object          | ["a", "b"]                                                  | must hold one JSON object
            not JSON               | {"id": "sales",                                             | is not JSON
            required fields absent | {"id": "sales", "displayName": "Sales"}                     | lacks tenantId, clientId, authMode, mailbox
            """)
    void refusesAFileItCannotUseAndSaysWhy(String name, String content, String reason) throws Exception {
        Path file = write(content);

        assertThatThrownBy(() -> TenantFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "http://127.0.0.1:8082/graph/notifications", "https://localhost:8082/graph/notifications",
            "http://mailtrail.contoso.com/graph/notifications", "https://127.0.0.1/graph/notifications" })
    void refusesANotificationUrlGraphCannotDeliverTo(String url) throws Exception {
        Path file = write(exampleWith("\"notificationUrl\": \"" + url + "\""));

        assertThatThrownBy(() -> TenantFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Graph cannot deliver notifications to " + url)
                .hasMessageContaining("leave notificationUrl out");
    }

    @Test
    void refusesADelegatedConnectionWhichNeedsAPersonsConsentFirst() throws Exception {
        Path file = write(Files.readString(EXAMPLE).replace("\"APPLICATION\"", "\"DELEGATED\""));

        assertThatThrownBy(() -> TenantFile.read(file)).hasMessageContaining("DELEGATED connection needs a person's consent");
    }

    @Test
    void refusesAFileThatIsNotThere() {
        Path absent = dir.resolve("absent.json");

        assertThatThrownBy(() -> TenantFile.read(absent)).hasMessage("tenant file " + absent + " does not exist");
    }

    private static String exampleWith(String field) throws Exception {
        String example = Files.readString(EXAMPLE).strip();
        return example.substring(0, example.length() - 1) + ", " + field + "}";
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "tenant", ".json");
        Files.writeString(file, content);
        return file;
    }
}
