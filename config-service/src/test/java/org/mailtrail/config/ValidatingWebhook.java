package org.mailtrail.config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A notification endpoint that passes Graph's validation handshake, as mail-ingestor's webhook does: it echoes
 * the decoded {@code validationToken} as text/plain.
 */
final class ValidatingWebhook implements AutoCloseable {

    private final HttpServer server;

    private ValidatingWebhook(HttpServer server) {
        this.server = server;
    }

    static ValidatingWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/graph/notifications", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                String token = "";
                if (query != null && query.startsWith("validationToken=")) {
                    token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8);
                }
                byte[] body = token.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new ValidatingWebhook(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/graph/notifications";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
