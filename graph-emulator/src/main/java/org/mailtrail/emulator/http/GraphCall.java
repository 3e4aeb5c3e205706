package org.mailtrail.emulator.http;

import java.util.Map;

/**
 * A Graph request that passed authentication and routing: what a feature's handler works with.
 *
 * @param requestId the {@code request-id} this emulator answers with
 * @param inBatch   whether the call is an item of a {@code $batch}
 */
public record GraphCall(ApiRequest request, Caller caller, Map<String, String> params, Preferences prefer,
                        String requestId, boolean inBatch) {

    public String param(String name) {
        return params.get(name);
    }

    /** Absolute base of Graph links, e.g. {@code https://127.0.0.1:8443/v1.0}. */
    public String graphBase() {
        return request.baseUrl() + "/v1.0";
    }

    public String query(String name) {
        return request.query(name);
    }
}
