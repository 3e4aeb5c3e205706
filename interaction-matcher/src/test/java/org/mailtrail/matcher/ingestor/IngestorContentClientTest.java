package org.mailtrail.matcher.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client against a stand-in for mail-ingestor's internal content endpoint, answering its shape. */
class IngestorContentClientTest {

    /** An IMAP mail's content as mail-ingestor answers it, with a field this client does not know. */
    static final String CONTENT = """
            {"internetMessageId": "<quote-7@fabrikam.example>", "folder": "Archive", "uid": 42,
             "imapUrl": "imap://sales%40contoso.example@imap.contoso.example:993/Archive;UIDVALIDITY=7/;UID=42",
             "subject": "Quote 7", "from": {"name": "Lars Holm", "address": "lars.holm@fabrikam.example"},
             "sender": {"name": null, "address": "lars.holm@fabrikam.example"},
             "to": [{"name": "Anna Berg", "address": "anna.berg@contoso.example"}], "cc": [],
             "date": "Fri, 27 Nov 2026 10:02:14 +0100", "receivedDateTime": "2026-11-27T09:02:15Z",
             "headers": [{"name": "Subject", "value": "Quote 7"}, {"name": "Message-ID", "value": "<quote-7@fabrikam.example>"}],
             "text": "Dear Anna, here is the quote.", "html": "<p>Dear Anna, here is the <b>quote</b>.</p>",
             "attachments": [{"name": "quote-7.pdf", "contentType": "application/pdf", "size": 18211}],
             "bodyCharset": "utf-8"}
            """;

    private HttpServer ingestor;
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private IngestorContentClient client;

    @BeforeEach
    void startIngestor() throws IOException {
        ingestor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingestor.createContext("/internal/messages/", this::answer);
        ingestor.start();
        client = client(64 * 1024);
    }

    @AfterEach
    void stopIngestor() {
        release.countDown();
        ingestor.stop(0);
    }

    @Test
    void readsTheContentTheIngestorAnswersWithItsServiceToken() {
        MailContent content = client.content("imap-sales", "imap-Qk7x");

        assertThat(requestedPaths).containsExactly("/internal/messages/imap-sales/imap-Qk7x/content");
        assertThat(authorizations).containsExactly("Bearer service-token");
        assertThat(content.subject()).isEqualTo("Quote 7");
        assertThat(content.uid()).isEqualTo(42L);
        assertThat(content.from()).isEqualTo(new MailContent.Address("Lars Holm", "lars.holm@fabrikam.example"));
        assertThat(content.to()).containsExactly(new MailContent.Address("Anna Berg", "anna.berg@contoso.example"));
        assertThat(content.receivedDateTime()).isEqualTo(Instant.parse("2026-11-27T09:02:15Z"));
        assertThat(content.headers()).extracting(MailContent.Header::name).containsExactly("Subject", "Message-ID");
        assertThat(content.html()).isEqualTo("<p>Dear Anna, here is the <b>quote</b>.</p>");
        assertThat(content.attachments()).containsExactly(
                new MailContent.Attachment("quote-7.pdf", "application/pdf", 18211L));
    }

    @Test
    void readsParticipantsNamedByTheirAddressAlone() {
        MailContent content = client.content("imap-sales", "bare-addresses");

        assertThat(content.sender()).isEqualTo(new MailContent.Address(null, "lars.holm@fabrikam.example"));
        assertThat(content.to()).containsExactly(new MailContent.Address(null, "anna.berg@contoso.example"),
                new MailContent.Address("Bo Ek", "bo.ek@contoso.example"));
    }

    @Test
    void encodesIdsThatHoldSlashesAndEqualsSigns() {
        client.content("imap-sales", "imap-a/b==");

        assertThat(requestedPaths).containsExactly("/internal/messages/imap-sales/imap-a%2Fb%3D%3D/content");
    }

    @Test
    void passesOnTheIngestorsReasonForAnUnknownMail() {
        assertProblem(() -> client.content("imap-sales", "unknown"), MatcherProblems.MAIL_NOT_FOUND,
                "no mail unknown in imap-sales");
    }

    @Test
    void tellsAMailTooLargeToShow() {
        assertProblem(() -> client.content("imap-sales", "huge"), MatcherProblems.MAIL_TOO_LARGE,
                "the mail has 31457280 bytes, more than the 26214400 mailtrail opens");
    }

    @Test
    void refusesAnAnswerLargerThanItPassesOn() {
        client = client(512);

        assertProblem(() -> client.content("imap-sales", "imap-Qk7x"), MatcherProblems.MAIL_TOO_LARGE,
                "the mail's content is larger than the 512 bytes this service passes on");
    }

    @Test
    void tellsThatTheMailServerDoesNotAnswer() {
        assertProblem(() -> client.content("imap-sales", "server-down"), MatcherProblems.MAIL_SERVER_UNAVAILABLE,
                "imap.contoso.example:993 does not answer");
    }

    @Test
    void blamesTheIngestorForAnythingElse() {
        assertProblem(() -> client.content("imap-sales", "broken"), MatcherProblems.INGESTOR_FAILED,
                "mail-ingestor answered 500: Internal Server Error");
        assertThat(catchThrowableOfType(MailContentException.class, () -> client.content("imap-sales", "forbidden")))
                .as("a body that is no problem is not repeated").hasMessage("mail-ingestor answered 403");
        assertProblem(() -> client.content("imap-sales", "garbled"), MatcherProblems.INGESTOR_FAILED,
                "mail-ingestor's answer is no mail content");
    }

    @Test
    void givesUpOnASlowIngestorWithinTheTimeout() {
        long started = System.nanoTime();

        assertProblem(() -> client.content("imap-sales", "slow"), MatcherProblems.INGESTOR_FAILED,
                "mail-ingestor did not answer (waited at most PT0.5S)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void blamesTheIngestorWhenNothingListens() {
        ingestor.stop(0);

        assertProblem(() -> client.content("imap-sales", "imap-Qk7x"), MatcherProblems.INGESTOR_FAILED,
                "mail-ingestor did not answer");
    }

    @Test
    void blamesTheIngestorsSideWhenNoTokenIsGranted() {
        client = new IngestorContentClient("http://127.0.0.1:" + ingestor.getAddress().getPort(),
                Duration.ofMillis(500), 1024, (request, body, execution) -> {
                    throw new OAuth2AuthorizationException(new OAuth2Error("invalid_scope"));
                }, ContractJson.mapper());

        assertProblem(() -> client.content("imap-sales", "imap-Qk7x"), MatcherProblems.INGESTOR_FAILED,
                "this service was granted no token to ask mail-ingestor for the mail: invalid_scope");
        assertThat(requestedPaths).isEmpty();
    }

    private IngestorContentClient client(int maxBytes) {
        return new IngestorContentClient("http://127.0.0.1:" + ingestor.getAddress().getPort(), Duration.ofMillis(500),
                maxBytes, (request, body, execution) -> {
                    request.getHeaders().setBearerAuth("service-token");
                    return execution.execute(request, body);
                }, ContractJson.mapper());
    }

    private static void assertProblem(Runnable call, ProblemType type,
            String detail) {
        MailContentException problem = catchThrowableOfType(MailContentException.class, call::run);
        assertThat(problem).as("a problem of type " + type.name()).isNotNull();
        assertThat(problem.type()).isEqualTo(type);
        assertThat(problem.getMessage()).startsWith(detail);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requestedPaths.add(exchange.getRequestURI().getRawPath());
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.contains("/unknown/")) {
                respond(exchange, 404, "application/problem+json",
                        "{\"title\":\"Not Found\",\"detail\":\"no mail unknown in imap-sales\"}");
            } else if (path.contains("/huge/")) {
                respond(exchange, 422, "application/problem+json", "{\"title\":\"Unprocessable Content\","
                        + "\"detail\":\"the mail has 31457280 bytes, more than the 26214400 mailtrail opens\"}");
            } else if (path.contains("/server-down/")) {
                respond(exchange, 503, "application/problem+json", "{\"title\":\"Service Unavailable\","
                        + "\"detail\":\"imap.contoso.example:993 does not answer\"}");
            } else if (path.contains("/broken/")) {
                respond(exchange, 500, "application/problem+json", "{\"title\":\"Internal Server Error\"}");
            } else if (path.contains("/forbidden/")) {
                respond(exchange, 403, "text/plain", "Forbidden but not JSON");
            } else if (path.contains("/garbled/")) {
                respond(exchange, 200, "application/json", "{\"subject\": ");
            } else if (path.contains("/bare-addresses/")) {
                respond(exchange, 200, "application/json", """
                        {"subject": "Quote 7", "sender": "lars.holm@fabrikam.example",
                         "to": ["anna.berg@contoso.example", {"name": "Bo Ek", "address": "bo.ek@contoso.example"}]}""");
            } else if (path.contains("/slow/")) {
                release.await(10, TimeUnit.SECONDS);
                respond(exchange, 200, "application/json", CONTENT);
            } else {
                respond(exchange, 200, "application/json", CONTENT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // The client under test gave up on a slow or too large answer, which is what the test wants.
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
