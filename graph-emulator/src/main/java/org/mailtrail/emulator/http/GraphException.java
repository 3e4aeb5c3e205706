package org.mailtrail.emulator.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Graph error, thrown by handlers and rendered in Graph's shape
 * ({@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}) with the
 * request ids of the call that failed.
 */
public class GraphException extends RuntimeException {

    private static final DateTimeFormatter INNER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> innerError = new LinkedHashMap<>();

    public GraphException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static GraphException badRequest(String code, String message) {
        return new GraphException(400, code, message);
    }

    public static GraphException notFound(String code, String message) {
        return new GraphException(404, code, message);
    }

    public static GraphException itemNotFound() {
        return notFound("ErrorItemNotFound", "The specified object was not found in the store.");
    }

    public static GraphException accessDenied() {
        return new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    /** Graph's throttling body, as documented for 429 answers. */
    public static GraphException tooManyRequests(long retryAfterSeconds) {
        return tooManyRequests(retryAfterSeconds, "Please retry again later.");
    }

    /** The throttling body with Outlook's own message, such as the one for its mailbox concurrency limit. */
    public static GraphException tooManyRequests(long retryAfterSeconds, String message) {
        return new GraphException(429, "TooManyRequests", message)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .inner("code", "429")
                .inner("message", "Please retry after")
                .inner("status", "429");
    }

    /**
     * Outlook's answer when an app exceeds one of its limits for a mailbox: code {@code ApplicationThrottled},
     * the limit named in the message and in {@code RateLimit-Exceeded}, the wait in seconds.
     *
     * @param limit {@code MailboxConcurrency} or {@code MailboxRequests}
     */
    public static GraphException mailboxThrottled(long retryAfterSeconds, String limit) {
        return new GraphException(429, "ApplicationThrottled", "Application is over its " + limit + " limit.")
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .header("RateLimit-Exceeded", limit)
                .header("RateLimit-Scope", "Mailbox");
    }

    public GraphException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public GraphException inner(String name, String value) {
        innerError.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ApiResponse toResponse(String requestId, String clientRequestId, Instant now) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        ObjectNode inner = error.putObject("innerError");
        innerError.forEach(inner::put);
        inner.put("date", INNER_DATE.format(now));
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId == null ? requestId : clientRequestId);
        ApiResponse response = ApiResponse.json(status, body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }
}
