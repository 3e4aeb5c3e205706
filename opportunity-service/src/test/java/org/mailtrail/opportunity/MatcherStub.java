package org.mailtrail.opportunity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matcher as opportunity-service asks it: {@code GET /api/me} says which salespeople the caller's token names
 * (by its {@code email}), {@code GET /api/interactions/{id}} answers 200 for the caller's own interaction and 404
 * for any other, as the matcher does. A call without a bearer token is refused with 401.
 */
final class MatcherStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, String> salespeopleByAddress = new ConcurrentHashMap<>();
    private final Map<String, String> interactionSalesperson = new ConcurrentHashMap<>();
    private final AtomicInteger meRequests = new AtomicInteger();

    private MatcherStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/me", this::me);
        server.createContext("/api/interactions/", this::interaction);
        server.start();
    }

    static MatcherStub start() {
        try {
            return new MatcherStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    MatcherStub salesperson(String address, String code) {
        salespeopleByAddress.put(address, code);
        return this;
    }

    MatcherStub interaction(String interactionId, String salespersonCode) {
        interactionSalesperson.put(interactionId, salespersonCode);
        return this;
    }

    int meRequests() {
        return meRequests.get();
    }

    private void me(HttpExchange exchange) throws IOException {
        meRequests.incrementAndGet();
        String email = callerEmail(exchange);
        if (email == null) {
            reply(exchange, 401, "{}");
            return;
        }
        String code = salespeopleByAddress.get(email);
        reply(exchange, 200, JSON.writeValueAsString(Map.of("subject", email,
                "salespersonCodes", code == null ? Set.of() : Set.of(code))));
    }

    private void interaction(HttpExchange exchange) throws IOException {
        String email = callerEmail(exchange);
        if (email == null) {
            reply(exchange, 401, "{}");
            return;
        }
        String id = exchange.getRequestURI().getPath().substring("/api/interactions/".length());
        String owner = interactionSalesperson.get(id);
        boolean own = owner != null && owner.equals(salespeopleByAddress.get(email));
        reply(exchange, own ? 200 : 404, own ? "{\"id\":\"" + id + "\"}" : "{\"status\":404}");
    }

    /** The {@code email} of the bearer token; the stub trusts it, the real matcher checks the signature. */
    private static String callerEmail(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return claims.path("email").asString(null);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
