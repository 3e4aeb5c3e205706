package org.mailtrail.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/** The launcher's (and the benchmark's) few JSON calls to the services it started. */
public final class Http {

    public record Response(int status, JsonNode body, String text) {

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Response get(String url, String token) {
        return send(request(url, token).GET().build());
    }

    public Response post(String url, String token, Object body) {
        return send(request(url, token).POST(json(body)).build());
    }

    public Response put(String url, String token, Object body) {
        return send(request(url, token).PUT(json(body)).build());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(ContractJson.mapper().writeValueAsBytes(body));
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? null : parse(text);
            return new Response(response.statusCode(), body, text);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
