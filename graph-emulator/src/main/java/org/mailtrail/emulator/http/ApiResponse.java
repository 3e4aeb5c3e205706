package org.mailtrail.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A response before it is written to the wire or folded into a {@code $batch} response. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, JsonNode json) {

    public static final String JSON_TYPE = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    public static ApiResponse json(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON_TYPE);
        return new ApiResponse(status, headers, Json.bytes(body), body);
    }

    public static ApiResponse plainJson(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new ApiResponse(status, headers, Json.bytes(body), body);
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, new LinkedHashMap<>(), new byte[0], null);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public static ApiResponse redirect(String location) {
        ApiResponse response = empty(302);
        response.headers.put("Location", location);
        return response;
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body, json);
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
