package org.mailtrail.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.mailtrail.emulator.http.Json;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A notification receiver as a webhook would be: answers Graph's validation request (correctly, or not, as the
 * test decides) and records the notifications POSTed to {@code /notifications} and {@code /lifecycle}.
 */
final class WebhookReceiver implements AutoCloseable {

    /** How the receiver answers the validation handshake. */
    enum Validation {
        ECHO, WRONG_TOKEN, STILL_ENCODED
    }

    /** One POST of notifications. */
    record Post(String path, JsonNode body, long receivedAtMillis) {
        List<JsonNode> values() {
            List<JsonNode> values = new ArrayList<>();
            body.get("value").values().forEach(values::add);
            return values;
        }
    }

    private final HttpServer server;
    private final List<Post> posts = new ArrayList<>();
    private final List<String> validationTokens = new ArrayList<>();
    private final Deque<Integer> scriptedStatuses = new ConcurrentLinkedDeque<>();
    private volatile Validation validation = Validation.ECHO;
    private final java.util.concurrent.atomic.AtomicReference<CountDownLatch> slowAnswer = new java.util.concurrent.atomic.AtomicReference<>();
    private final List<CountDownLatch> heldAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String notificationUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notifications";
    }

    String lifecycleUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/lifecycle";
    }

    void validation(Validation value) {
        validation = value;
    }

    /** The next notification POSTs are answered with these statuses, then 202 again. */
    void answerNext(int... statuses) {
        for (int status : statuses) {
            scriptedStatuses.add(status);
        }
    }

    /** Holds the answer to the next notification POST until {@link #releaseSlowAnswers()} (or 10 s), like a slow receiver. */
    void answerNextSlowly() {
        CountDownLatch latch = new CountDownLatch(1);
        heldAnswers.add(latch);
        slowAnswer.set(latch);
    }

    void releaseSlowAnswers() {
        heldAnswers.forEach(CountDownLatch::countDown);
    }

    synchronized List<String> validationTokens() {
        return List.copyOf(validationTokens);
    }

    synchronized List<Post> posts(String path) {
        return posts.stream().filter(post -> post.path().equals(path)).toList();
    }

    /** Waits (with a deadline) until {@code count} POSTs reached {@code path}; answers all of them so far. */
    synchronized List<Post> awaitPosts(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (posts(path).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " POSTs to " + path + " within " + timeout + ", got " + posts(path));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return posts(path);
    }

    /** Waits (with a deadline) until {@code count} notifications reached {@code path}, however they were batched. */
    synchronized List<JsonNode> awaitValues(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (values(path).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " notifications at " + path + " within " + timeout + ", got " + values(path));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return values(path);
    }

    /** All notification values that reached {@code path}, across POSTs. */
    synchronized List<JsonNode> values(String path) {
        List<JsonNode> values = new ArrayList<>();
        posts(path).forEach(post -> values.addAll(post.values()));
        return values;
    }

    @Override
    public void close() {
        releaseSlowAnswers();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (query != null && query.startsWith("validationToken=")) {
                String raw = query.substring("validationToken=".length());
                String token = URLDecoder.decode(raw, StandardCharsets.UTF_8);
                synchronized (this) {
                    validationTokens.add(token);
                }
                String answer = switch (validation) {
                    case ECHO -> token;
                    case WRONG_TOKEN -> "not-the-token";
                    case STILL_ENCODED -> raw;
                };
                respond(exchange, 200, "text/plain; charset=utf-8", answer);
                return;
            }
            synchronized (this) {
                posts.add(new Post(exchange.getRequestURI().getPath().substring(1), Json.parse(body), System.currentTimeMillis()));
                notifyAll();
            }
            CountDownLatch slow = slowAnswer.getAndSet(null);
            if (slow != null) {
                try {
                    slow.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = scriptedStatuses.poll();
            respond(exchange, status == null ? 202 : status, "text/plain", "");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
