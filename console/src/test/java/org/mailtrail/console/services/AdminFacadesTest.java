package org.mailtrail.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.platform.web.Page;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpServer;

/** The admin pages' facades against a server that answers as the services do, and records what it was asked. */
class AdminFacadesTest {

    private record Asked(String method, String uri, String contentType, String body) {
    }

    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                asked.add(new Asked(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsAConnectionsFailedMailsEncodingItsIdAndTheCursorWhole() {
        answer = """
                {"items": [
                  {"id": "(unknown)/<a b@x>", "internetMessageId": "<a b@x>", "stage": "MAILBOX",
                   "cause": "ErrorMoveCopyFailed", "exceptionType": null, "requested": "ARCHIVE",
                   "failedAt": "2026-11-27T10:05:12Z"},
                  {"id": "mail.received.v1-0@17", "internetMessageId": null, "stage": "PROCESSING",
                   "cause": "not a valid MailReceived", "exceptionType": "org.mailtrail.platform.messaging.PoisonMessageException",
                   "requested": null, "failedAt": "2026-11-27T09:58:40Z"}],
                 "nextCursor": "next"}
                """;

        Page<FailedMail> page = new Ledger(client("interaction-matcher")).failures("(unknown)", "a+b&c", 20);

        assertThat(asked).singleElement().extracting(Asked::uri)
                .isEqualTo("/api/ledger/%28unknown%29/failures?limit=20&cursor=a%2Bb%26c");
        assertThat(page.items()).extracting(FailedMail::inMailbox).containsExactly(true, false);
        assertThat(page.items().get(0).failedAt()).isEqualTo(Instant.parse("2026-11-27T10:05:12Z"));
        assertThat(page.nextCursor()).isEqualTo("next");
    }

    @Test
    void readsTheLedgerOfEveryConnectionKeepingTheRulesInTheirOrder() {
        answer = """
                [{"connectionId": "demo", "received": 3, "logged": 1, "excluded": 1,
                  "excludedByRule": {"UNKNOWN_SENDER": 1, "BLOCKED": 0, "DRAFT": 0}, "failed": 1, "interactions": 2,
                  "mailbox": {"ARCHIVED": 1, "FAILED": 0}}]
                """;

        List<ConnectionLedger> ledgers = new Ledger(client("interaction-matcher")).all();

        assertThat(ledgers).singleElement().satisfies(ledger -> {
            assertThat(ledger.excludedByRule().keySet()).containsExactly("BLOCKED", "DRAFT", "UNKNOWN_SENDER");
            assertThat(ledger.inMailbox("ARCHIVED")).isEqualTo(1);
            assertThat(ledger.inMailbox("LEFT")).isZero();
            assertThat(ledger.hasFailures()).isTrue();
        });
    }

    @Test
    void readsTheHeldMailTheCopiesAndTheDirectoryOfOneConnectionsLedger() {
        answer = """
                {"connectionId": "demo", "received": 10, "logged": 5, "excluded": 2,
                 "excludedByRule": {"DRAFT": 2}, "held": 3,
                 "heldByRule": {"UNKNOWN_SENDER": 2, "CONTACT_TO_CONTACT": 1, "NO_CONTACT_RECIPIENT": 0},
                 "loggedLate": 1, "copies": 4, "failed": 0, "interactions": 6,
                 "mailbox": {"ARCHIVED": 5, "HELD": 3},
                 "directory": {"salespeople": 0, "contacts": 12, "safeStart": true}}
                """;

        ConnectionLedger ledger = new Ledger(client("interaction-matcher")).of("demo");

        assertThat(asked).singleElement().extracting(Asked::uri).isEqualTo("/api/ledger/demo");
        assertThat(ledger.held()).isEqualTo(3);
        assertThat(ledger.heldByRule().keySet()).containsExactly("CONTACT_TO_CONTACT", "NO_CONTACT_RECIPIENT",
                "UNKNOWN_SENDER");
        assertThat(ledger.loggedLate()).isEqualTo(1);
        assertThat(ledger.copies()).isEqualTo(4);
        assertThat(ledger.inMailbox("HELD")).isEqualTo(3);
        assertThat(ledger.directory()).isEqualTo(new ConnectionLedger.DirectoryState(0, 12, true));
        assertThat(ledger.safeStart()).isTrue();
    }

    @Test
    void readsALedgerOfAMatcherThatKnowsNoHeldMailAsNoneHeld() {
        answer = """
                [{"connectionId": "demo", "received": 1, "logged": 1, "excluded": 0, "failed": 0, "interactions": 1}]
                """;

        ConnectionLedger ledger = new Ledger(client("interaction-matcher")).all().get(0);

        assertThat(ledger.held()).isZero();
        assertThat(ledger.copies()).isZero();
        assertThat(ledger.heldByRule()).isEmpty();
        assertThat(ledger.safeStart()).isFalse();
    }

    @Test
    void startsARunOverHeldMailWithItsPeriodAsInstants() {
        answer = rematch("r-1", "RUNNING", 0, 0);

        Rematch run = new Ledger(client("interaction-matcher")).startRematch("demo & co",
                Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-12-05T00:00:00Z"));

        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri()).isEqualTo("/api/ledger/demo%20%26%20co/rematches");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("{\"from\":\"2026-11-04T00:00:00Z\",\"to\":\"2026-12-05T00:00:00Z\"}");
        });
        assertThat(run.running()).isTrue();
    }

    @Test
    void readsTheLatestRunsOfAConnectionAndOneRun() {
        Ledger ledger = new Ledger(client("interaction-matcher"));
        answer = "{\"items\": [" + rematch("r-2", "FAILED", 5, 2) + ", " + rematch("r-1", "DONE", 3, 3) + "]}";
        List<Rematch> runs = ledger.rematches("demo");
        answer = rematch("r-2", "FAILED", 5, 2);
        Rematch run = ledger.rematch("r-2");

        assertThat(asked).extracting(Asked::uri).containsExactly("/api/ledger/demo/rematches", "/api/rematches/r-2");
        assertThat(runs).extracting(Rematch::id).containsExactly("r-2", "r-1");
        assertThat(run.failed()).isTrue();
        assertThat(run.error()).isEqualTo("the directory could not be read");
        assertThat(run.processed()).isEqualTo(2);
    }

    @Test
    void undoesAConversationsLinkOfAnEntryWithDelete() {
        answer = """
                {"id": "i-1", "connectionId": "demo", "contactId": "CT-1", "direction": "INBOUND",
                 "interactionAt": "2026-12-02T09:30:00Z", "description": "RE: Order", "hasAttachments": false,
                 "loggedLate": true}
                """;

        Interaction entry = new Matcher(client("interaction-matcher")).unlinkOpportunity("i-1");

        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.uri()).isEqualTo("/api/interactions/i-1/opportunity");
        });
        assertThat(entry.promoted()).isFalse();
        assertThat(entry.loggedLate()).isTrue();
    }

    private static String rematch(String id, String status, long total, long processed) {
        return """
                {"id": "%s", "connectionId": "demo", "from": "2026-11-04T00:00:00Z", "to": "2026-12-05T00:00:00Z",
                 "requestedBy": "admin", "status": "%s", "total": %d, "processed": %d, "loggedLate": 1,
                 "startedAt": "2026-12-05T10:00:00Z", "finishedAt": null,
                 "error": %s}
                """.formatted(id, status, total, processed,
                "FAILED".equals(status) ? "\"the directory could not be read\"" : "null");
    }

    @Test
    void sendsAnImportAsCsvAndReadsItsReport() {
        answer = """
                {"received": 2, "upserted": 1, "rejected": 1,
                 "errors": [{"line": 3, "field": "type", "reason": "must be PERSON or COMPANY, not 'ROBOT'"}],
                 "errorsTruncated": false}
                """;
        byte[] csv = "contactId,type\nCT-TEST-1,PERSON\nCT-TEST-2,ROBOT\n".getBytes(StandardCharsets.UTF_8);

        ImportReport report = new Directory(client("interaction-matcher")).importContacts(csv);

        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.uri()).isEqualTo("/api/directory/contacts");
            assertThat(request.contentType()).isEqualTo("text/csv");
            assertThat(request.body()).isEqualTo(new String(csv, StandardCharsets.UTF_8));
        });
        assertThat(report.errors()).singleElement().extracting(ImportReport.RowError::line).isEqualTo(3);
    }

    @Test
    void readsTheAuditTrailOfOneConnection() {
        answer = """
                {"items": [{"id": "e1", "at": "2026-12-04T16:35:32.159Z", "actor": "admin",
                  "action": "CONNECTION_ENABLED", "connectionId": "demo", "revision": 2, "fields": ["enabled"],
                  "details": {}}], "nextCursor": null}
                """;

        Page<AuditEntry> page = new Audit(client("config-service")).entries("demo & co", null, 50);

        assertThat(asked).singleElement().extracting(Asked::uri).isEqualTo("/api/audit?limit=50&connectionId=demo%20%26%20co");
        assertThat(page.items()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("CONNECTION_ENABLED");
            assertThat(entry.fields()).containsExactly("enabled");
        });
    }

    private ServiceClients.ServiceClient client(String service) {
        return new ServiceClients.ServiceClient(service,
                RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build());
    }
}
