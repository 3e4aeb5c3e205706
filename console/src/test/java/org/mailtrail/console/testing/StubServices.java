package org.mailtrail.console.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The services as the console sees them (config-service, interaction-matcher, opportunity-service): a real HTTP
 * server on 127.0.0.1 that answers each method and path with what a test set, and records every request (headers and
 * body included). Unset paths are answered with the services' 404 problem.
 */
public final class StubServices implements AutoCloseable {

    public record Answer(int status, Map<String, String> headers, String body) {
    }

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StubServices(HttpServer server) {
        this.server = server;
    }

    public static StubServices start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubServices stub = new StubServices(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the method and path (no query) with JSON; several answers are given in turn, the last one then on. */
    public StubServices on(String method, String path, int status, String json, String... headerPairs) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        answers.computeIfAbsent(method + " " + path, key -> new CopyOnWriteArrayList<>())
                .add(new Answer(status, headers, json));
        return this;
    }

    /** Forgets every answer and request. */
    public void reset() {
        answers.clear();
        requests.clear();
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        List<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
        Answer answer;
        if (queue == null || queue.isEmpty()) {
            answer = new Answer(404, Map.of("Content-Type", "application/problem+json"),
                    "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"nothing at " + path + "\"}");
        } else {
            answer = queue.size() > 1 ? queue.remove(0) : queue.get(0);
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
