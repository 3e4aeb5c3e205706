package org.mailtrail.matcher.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client against a stand-in for mail-ingestor's internal link endpoint. */
class IngestorLinkClientTest {

    private HttpServer ingestor;
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private IngestorLinkClient client;

    @BeforeEach
    void startIngestor() throws IOException {
        ingestor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingestor.createContext("/internal/messages/", this::answer);
        ingestor.start();
        client = new IngestorLinkClient("http://127.0.0.1:" + ingestor.getAddress().getPort(), Duration.ofMillis(500),
                (request, body, execution) -> {
                    request.getHeaders().setBearerAuth("service-token");
                    return execution.execute(request, body);
                });
    }

    @AfterEach
    void stopIngestor() {
        release.countDown();
        ingestor.stop(0);
    }

    @Test
    void returnsTheFreshLinkTheIngestorGives() {
        assertThat(client.freshLink("contoso-sales", "AAkALg-fresh")).contains("https://outlook.example/fresh");
        assertThat(requestedPaths).containsExactly("/internal/messages/contoso-sales/AAkALg-fresh/link");
        assertThat(authorizations).containsExactly("Bearer service-token");
    }

    @Test
    void encodesIdsThatHoldSlashesAndEqualsSigns() {
        client.freshLink("contoso-sales", "AAk/ALg==");

        assertThat(requestedPaths).containsExactly("/internal/messages/contoso-sales/AAk%2FALg%3D%3D/link");
    }

    @Test
    void hasNoFreshLinkWhenTheIngestorDoesNotKnowTheMail() {
        assertThat(client.freshLink("contoso-sales", "unknown")).isEmpty();
    }

    @Test
    void hasNoFreshLinkWhenTheIngestorFails() {
        assertThat(client.freshLink("contoso-sales", "broken")).isEmpty();
        assertThat(client.freshLink("contoso-sales", "garbled")).isEmpty();
        assertThat(client.freshLink("contoso-sales", "blank")).isEmpty();
    }

    @Test
    void givesUpOnASlowIngestorWithinTheTimeout() {
        long started = System.nanoTime();

        assertThat(client.freshLink("contoso-sales", "slow")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void hasNoFreshLinkWhenNothingListens() {
        ingestor.stop(0);

        assertThat(client.freshLink("contoso-sales", "AAkALg-fresh")).isEmpty();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requestedPaths.add(exchange.getRequestURI().getRawPath());
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.contains("/unknown/")) {
                respond(exchange, 404, "{\"title\":\"Not Found\"}");
            } else if (path.contains("/broken/")) {
                respond(exchange, 500, "{\"title\":\"Internal Server Error\"}");
            } else if (path.contains("/garbled/")) {
                respond(exchange, 200, "{\"webLink\": ");
            } else if (path.contains("/blank/")) {
                respond(exchange, 200, "{\"webLink\": \"\", \"since\": \"2026-11-27T09:00:00Z\"}");
            } else if (path.contains("/slow/")) {
                release.await(10, TimeUnit.SECONDS);
                respond(exchange, 200, "{\"webLink\": \"https://outlook.example/too-late\"}");
            } else {
                respond(exchange, 200, "{\"webLink\": \"https://outlook.example/fresh\", \"folder\": \"archive\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // The client under test gave up on a slow answer, which is what the test wants.
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
