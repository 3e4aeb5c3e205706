package org.mailtrail.opportunity;

import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.mailtrail.testsupport.security.Tokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's HTTP API as a client uses it; error statuses are answers to look at, not exceptions. Requests carry
 * the bearer token of the caller the Api plays: a sales manager unless {@link #as} names another.
 */
public final class Api {

    /** One answer: status, headers and the JSON body (null when there is none). */
    public record Response(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

        public int code() {
            return status.value();
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text(String pointer) {
            return body.at(pointer).asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final int port;

    public Api(int port) {
        this(port, Tokens.personAt("maria.lopez@contoso.com", "sales-manager"));
    }

    private Api(int port, String token) {
        this.port = port;
        this.client = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** The same API called with another bearer token. */
    public Api as(String token) {
        return new Api(port, token);
    }

    public Response get(String path) {
        return exchange(client.get().uri(path), Map.of());
    }

    public Response post(String path, String json, Map<String, String> headers) {
        RestClient.RequestBodySpec request = client.post().uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return exchange(request, headers);
    }

    public Response patch(String path, String json, Map<String, String> headers) {
        return exchange(client.patch().uri(path).contentType(MediaType.valueOf("application/merge-patch+json"))
                .body(json), headers);
    }

    /** What Prometheus scrapes, with its token. */
    public String metrics() {
        return as(Tokens.metrics()).client.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** Promotes an interaction and returns the 202 answer. */
    public Response promote(String interactionId, String idempotencyKey, String json) {
        return post("/api/interactions/" + interactionId + "/promotions", json,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Polls a promotion's status URL until it is no longer PENDING, and returns the final status. */
    public Response awaitOutcome(String location) {
        Response[] last = new Response[1];
        await().atMost(Kafka.WAIT).until(() -> {
            last[0] = get(location);
            return last[0].code() == 200 && !"PENDING".equals(last[0].text("/status"));
        });
        return last[0];
    }

    /** Promotes an interaction and waits for the opportunity's id. */
    public String promoteAndAwaitOpportunity(String interactionId) {
        Response accepted = awaitOutcome(promote(interactionId, null, null).header(HttpHeaders.LOCATION));
        if (!"ACCEPTED".equals(accepted.text("/status"))) {
            throw new AssertionError("promotion of " + interactionId + " ended " + accepted.body());
        }
        return accepted.text("/opportunityId");
    }

    private static Response exchange(RestClient.RequestHeadersSpec<?> request, Map<String, String> headers) {
        headers.forEach((name, value) -> request.header(name, value));
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
            return new Response(response.getStatusCode(), response.getHeaders(), body);
        });
    }
}
