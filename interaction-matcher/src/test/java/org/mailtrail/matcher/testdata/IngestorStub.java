package org.mailtrail.matcher.testdata;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * mail-ingestor's internal link endpoint as the matcher expects it: a fresh link per immutable id,
 * and a failure for any immutable id that contains "unreachable".
 */
public final class IngestorStub {

    private final HttpServer server;

    private IngestorStub(HttpServer server) {
        this.server = server;
    }

    public static IngestorStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/messages/", IngestorStub::answer);
            server.start();
            return new IngestorStub(server);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the ingestor stub", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static String freshLinkFor(String immutableId) {
        return "https://outlook.office365.com/owa/?ItemID=" + immutableId + "&fresh=1";
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String immutableId = path[path.length - 2];
        boolean fails = immutableId.contains("unreachable");
        byte[] body = (fails ? "{\"title\":\"Graph is throttling\"}"
                : "{\"webLink\":\"" + freshLinkFor(immutableId) + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(fails ? 503 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
