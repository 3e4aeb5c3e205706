package org.mailtrail.ingestor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What stands between Graph and the ingestor in these tests, as a load balancer does in production: the address a
 * subscription names, forwarding every POST (handshakes included) to the ingestor instance a test points it at, and
 * able to change a delivery on its way, as someone on the path could.
 */
final class NotificationRelay implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private volatile int target;
    private volatile UnaryOperator<String> change = UnaryOperator.identity();

    private NotificationRelay(HttpServer server, ExecutorService executor, int target) {
        this.server = server;
        this.executor = executor;
        this.target = target;
    }

    /** A relay to the ingestor on {@code targetPort}. */
    static NotificationRelay to(int targetPort) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "notification-relay");
                thread.setDaemon(true);
                return thread;
            });
            NotificationRelay relay = new NotificationRelay(server, executor, targetPort);
            server.createContext("/", relay::forward);
            server.setExecutor(executor);
            server.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification URL a subscription names to come through the relay. */
    String notificationUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/graph/notifications";
    }

    void pointTo(int targetPort) {
        target = targetPort;
    }

    /** Changes every delivery from now on (not the handshakes, which have no body). */
    void change(UnaryOperator<String> delivery) {
        change = delivery;
    }

    /** The deliveries that came through, as Graph sent them. */
    List<String> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                deliveries.add(body);
                body = change.apply(body);
            }
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer;
            try {
                answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | InterruptedException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(value -> exchange.getResponseHeaders().set("Content-Type", value));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }
}
