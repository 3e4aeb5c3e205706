package org.mailtrail.matcher.testdata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.mailtrail.events.ContractJson;
import org.mailtrail.testsupport.security.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * The matcher's HTTP API as a client sees it: status, headers and JSON, redirects not followed. Requests carry the
 * bearer token of the caller the Api plays: by default an operator who is sales manager and admin (every endpoint
 * lets it in), or whoever {@link #as} names.
 */
public final class Api {

    /** One answer: {@code json} is the parsed body when there is one. */
    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            return ContractJson.mapper().readTree(raw.body());
        }

        /** The text at a JSON pointer, or {@code null} where the body has nothing. */
        public String text(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String token;

    public Api(int port) {
        this("http://127.0.0.1:" + port, Tokens.person("operator", "sales-manager", "mailtrail-admin"));
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same API called with another bearer token. */
    public Api as(String token) {
        return new Api(base, token);
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response put(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public Response postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString(ContractJson.mapper().writeValueAsString(body), StandardCharsets.UTF_8)).build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    public Response putJson(String path, Object body) {
        return put(path, "application/json", ContractJson.mapper().writeValueAsString(body));
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
