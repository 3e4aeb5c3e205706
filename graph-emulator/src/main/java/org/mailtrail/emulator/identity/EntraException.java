package org.mailtrail.emulator.identity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.node.ObjectNode;

/**
 * A token-endpoint error in Entra's shape: {@code error}, an {@code error_description} that starts with the
 * AADSTS code and ends with trace and correlation ids, {@code error_codes}, {@code timestamp}, {@code trace_id},
 * {@code correlation_id} and {@code error_uri}. MSAL reads {@code error} and {@code error_codes} from it.
 */
public class EntraException extends RuntimeException {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final int status;
    private final String error;
    private final int aadsts;

    public EntraException(int status, String error, int aadsts, String description) {
        super(description);
        this.status = status;
        this.error = error;
        this.aadsts = aadsts;
    }

    public static EntraException invalidRequest(int aadsts, String description) {
        return new EntraException(400, "invalid_request", aadsts, description);
    }

    public static EntraException invalidGrant(int aadsts, String description) {
        return new EntraException(400, "invalid_grant", aadsts, description);
    }

    public static EntraException invalidClient(int aadsts, String description) {
        return new EntraException(401, "invalid_client", aadsts, description);
    }

    public String error() {
        return error;
    }

    public int aadsts() {
        return aadsts;
    }

    public ApiResponse toResponse(String correlationId, Instant now) {
        String traceId = UUID.randomUUID().toString();
        String correlation = correlationId == null ? UUID.randomUUID().toString() : correlationId;
        String timestamp = TIMESTAMP.format(now);
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", "AADSTS" + aadsts + ": " + getMessage() + " Trace ID: " + traceId
                + " Correlation ID: " + correlation + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(aadsts);
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        return ApiResponse.plainJson(status, body)
                .withHeader("Cache-Control", "no-store, no-cache")
                .withHeader("Pragma", "no-cache");
    }
}
