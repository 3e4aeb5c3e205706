package org.mailtrail.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/**
 * The services' HTTP APIs as a client sees them: status, headers and JSON. Requests carry the bearer token of the
 * person or client the Api acts as ({@link #as}), unless they set their own Authorization header.
 */
final class Api {

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Response> kept;
    private final Supplier<String> token;

    Api() {
        this(null, null);
    }

    private Api(List<Response> kept, Supplier<String> token) {
        this.kept = kept;
        this.token = token;
    }

    /** The same Api (and recording), acting as the holder of these tokens. */
    Api as(Supplier<String> token) {
        return new Api(kept, token);
    }

    /** An Api that keeps every response it receives, so a test can examine all that the services ever answered. */
    static Api recording() {
        return new Api(new CopyOnWriteArrayList<>(), null);
    }

    /** Every response so far, oldest first (a recording Api only). */
    List<Response> responses() {
        return List.copyOf(kept);
    }

    Response get(String url, Map<String, String> headers) {
        return send(builder(url, headers).GET());
    }

    Response get(String url) {
        return get(url, Map.of());
    }

    Response post(String url, Map<String, String> headers, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(ContractJson.mapper().writeValueAsBytes(body));
        return send(builder(url, headers).POST(publisher));
    }

    Response put(String url, Object body) {
        return send(builder(url, Map.of()).PUT(
                HttpRequest.BodyPublishers.ofByteArray(ContractJson.mapper().writeValueAsBytes(body))));
    }

    /** Sends a request exactly as built: for bodies that are not JSON, and for requests without the usual headers. */
    Response exchange(HttpRequest request) {
        return send(HttpRequest.newBuilder(request, (name, value) -> true));
    }

    private HttpRequest.Builder builder(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null && !headers.containsKey("Authorization")) {
            builder.header("Authorization", "Bearer " + token.get());
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() || !text.trim().startsWith("{") && !text.trim().startsWith("[")
                    ? null : ContractJson.mapper().readTree(text);
            Response answer = new Response(response.statusCode(), body, response);
            if (kept != null) {
                kept.add(answer);
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
