package org.mailtrail.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/**
 * The service's HTTP API as a client sees it: plain requests with a bearer token, no redirects followed, and every
 * response body kept, so a test can say what a client was ever shown.
 */
final class Api {

    /** One answer: status, headers and body as sent. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            return ContractJson.mapper().readTree(body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst().orElse(null);
        }

        /** The field names of a problem's {@code errors}. */
        List<String> errorFields() {
            return json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    Response put(String path, String token, Object body, String ifMatch) {
        return send("PUT", path, token, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    Response delete(String path, String token, String ifMatch) {
        return send("DELETE", path, token, null, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String json = body instanceof String text ? text : ContractJson.mapper().writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every response body this client received so far. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    void forgetBodies() {
        bodies.clear();
    }
}
