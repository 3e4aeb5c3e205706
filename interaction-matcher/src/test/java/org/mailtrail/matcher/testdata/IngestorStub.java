package org.mailtrail.matcher.testdata;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * mail-ingestor's internal endpoints as the matcher expects them: a fresh link per immutable id, an IMAP mail's
 * content in the ingestor's shape (its subject names the immutable id), 404 for an immutable id that contains
 * "unknown", and a failure for one that contains "unreachable". It records the content requests it answered.
 */
public final class IngestorStub {

    /** The HTML of every mail's content: the ingestor sanitised it already. */
    public static final String HTML = "<p>Dear customer, the <b>quote</b> is attached.</p>";

    private final HttpServer server;
    private final List<String> contentRequests = new CopyOnWriteArrayList<>();

    private IngestorStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the ingestor stub", e);
        }
        server.createContext("/internal/messages/", this::answer);
        server.start();
    }

    public static IngestorStub start() {
        return new IngestorStub();
    }

    /** The immutable ids whose content was asked for, in order. */
    public List<String> contentRequests() {
        return List.copyOf(contentRequests);
    }

    /** The subject the stub gives a mail's content. */
    public static String subjectOf(String immutableId) {
        return "Content of " + immutableId;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static String freshLinkFor(String immutableId) {
        return "https://outlook.office365.com/owa/?ItemID=" + immutableId + "&fresh=1";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String immutableId = path[path.length - 2];
        if ("content".equals(path[path.length - 1])) {
            contentRequests.add(immutableId);
            if (immutableId.contains("unknown")) {
                respond(exchange, 404, "{\"title\":\"Not Found\",\"detail\":\"no mail " + immutableId + "\"}");
            } else if (immutableId.contains("unreachable")) {
                respond(exchange, 503, "{\"title\":\"Service Unavailable\",\"detail\":\"imap.contoso.com:993 does "
                        + "not answer\"}");
            } else {
                respond(exchange, 200, content(immutableId));
            }
            return;
        }
        boolean fails = immutableId.contains("unreachable");
        respond(exchange, fails ? 503 : 200, fails ? "{\"title\":\"Graph is throttling\"}"
                : "{\"webLink\":\"" + freshLinkFor(immutableId) + "\"}");
    }

    private static String content(String immutableId) {
        return """
                {"internetMessageId": "<%1$s@fabrikam.example>", "folder": "Archive", "uid": 42,
                 "imapUrl": "imap://crm-log%%40contoso.com@imap.contoso.com:993/Archive;UIDVALIDITY=7/;UID=42",
                 "subject": "%2$s", "from": {"name": "Olivia Seller", "address": "olivia@contoso.com"},
                 "sender": null, "to": [{"name": "Otto Buyer", "address": "otto@openable.example"}], "cc": [],
                 "date": "Fri, 27 Nov 2026 10:14:58 +0100", "receivedDateTime": "2026-11-27T09:15:01Z",
                 "headers": [{"name": "Subject", "value": "%2$s"}],
                 "text": "Dear customer, the quote is attached.", "html": "%3$s",
                 "attachments": [{"name": "quote.pdf", "contentType": "application/pdf", "size": 18211}]}
                """.formatted(immutableId, subjectOf(immutableId), HTML);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
