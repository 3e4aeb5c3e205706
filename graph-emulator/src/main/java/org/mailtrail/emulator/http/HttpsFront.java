package org.mailtrail.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The one HTTPS port that serves Entra, Graph and the control API, on the JDK's server so no framework starts. */
public final class HttpsFront {

    private static final Logger LOG = Logger.getLogger(HttpsFront.class.getName());
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpsServer server;
    private final ThreadPoolExecutor executor;

    private HttpsFront(HttpsServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving. Handler threads are bounded: a subscription handshake can hold one for up to
     * its timeout, so the pool is sized for several of those next to ordinary traffic.
     */
    public static HttpsFront start(InetSocketAddress address, SSLContext tls, int threads,
                                   Function<ApiRequest, ApiResponse> dispatcher) throws IOException {
        HttpsServer server = HttpsServer.create(address, 128);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), runnable -> {
                    Thread thread = new Thread(runnable, "graph-emulator-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, dispatcher));
        server.start();
        return new HttpsFront(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(HttpExchange exchange, Function<ApiRequest, ApiResponse> dispatcher) {
        try (exchange) {
            ApiResponse response;
            try {
                byte[] body = readBody(exchange.getRequestBody());
                String host = exchange.getRequestHeaders().getFirst("Host");
                String baseUrl = "https://" + (host == null || host.isBlank()
                        ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host);
                ApiRequest request = new ApiRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        RequestHeaders.of(exchange.getRequestHeaders()), body, baseUrl);
                response = dispatcher.apply(request);
            } catch (RuntimeException | IOException e) {
                LOG.log(Level.WARNING, "graph-emulator failed to serve " + exchange.getRequestURI(), e);
                response = ApiResponse.text(500, "text/plain; charset=utf-8", "graph-emulator: " + e);
            }
            write(exchange, response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("request body over " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        boolean noBody = response.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
