package org.mailtrail.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/** The services' HTTP APIs as a client sees them: status, headers and JSON. */
final class Api {

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

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

    private static HttpRequest.Builder builder(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() || !text.trim().startsWith("{") && !text.trim().startsWith("[")
                    ? null : ContractJson.mapper().readTree(text);
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
