package org.mailtrail.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One request as the emulator sees it, whether it came over the wire or as an item of a {@code $batch}.
 *
 * @param method  upper-case HTTP method
 * @param rawPath the path as sent, still percent-encoded, so ids keep their {@code =} and {@code %2F}
 * @param rawQuery the query as sent, or {@code null}
 * @param baseUrl scheme, host and port the caller used, for absolute links back to the emulator
 */
public record ApiRequest(String method, String rawPath, String rawQuery, RequestHeaders headers, byte[] body,
                         String baseUrl) {

    public ApiRequest {
        body = body == null ? new byte[0] : body;
        headers = headers == null ? new RequestHeaders() : headers;
    }

    public String header(String name) {
        return headers.first(name);
    }

    /** Query options decoded, with case-insensitive names ({@code $SELECT} is {@code $select} to Graph). */
    public Map<String, String> query() {
        Map<String, String> options = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.putAll(parseQuery(rawQuery));
        return options;
    }

    public String query(String name) {
        return query().get(name);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    public JsonNode json() {
        if (!hasBody()) {
            throw GraphException.badRequest("ErrorInvalidRequest", "Empty Payload, JSON content expected.");
        }
        try {
            return Json.parse(body);
        } catch (JacksonException e) {
            throw GraphException.badRequest("BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
    }

    public String clientRequestId() {
        return header("client-request-id");
    }

    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            options.put(name, value);
        }
        return options;
    }

    public static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Path segments are decoded without turning {@code +} into a space: ids may contain it. */
    public static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
