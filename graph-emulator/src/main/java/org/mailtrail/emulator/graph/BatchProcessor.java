package org.mailtrail.emulator.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.http.RequestHeaders;
import org.mailtrail.emulator.throttling.Throttle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON batching. Each item is a Graph request of its own: authorised by the envelope's token, counted against
 * its mailbox's budget, and answered with its own status and headers (a 429 item carries its own Retry-After).
 * Items without {@code dependsOn} run the way Graph dispatches them, up to four side by side, so together with
 * other requests to the same mailbox they can exceed its concurrency limit; dependent items run after their
 * dependencies and fail with 424 when one of those failed.
 */
final class BatchProcessor {

    static final int MAX_REQUESTS = 20;
    private static final int PARALLEL_DISPATCH = 4;

    private record Item(String id, String method, String url, RequestHeaders headers, byte[] body, List<String> dependsOn) {
    }

    private final GraphGateway gateway;
    private final Throttle throttle;

    BatchProcessor(GraphGateway gateway, Throttle throttle) {
        this.gateway = gateway;
        this.throttle = throttle;
    }

    ApiResponse handle(ApiRequest request) {
        long start = System.nanoTime();
        java.time.Instant arrivedAt = gateway.clock().instant();
        String requestId = java.util.UUID.randomUUID().toString();
        Caller caller = null;
        ApiResponse response;
        try {
            caller = gateway.authenticate(request);
            List<Item> items = parse(request);
            Map<String, ApiResponse> answers = run(request, caller, items);
            ObjectNode body = Json.object();
            ArrayNode responses = body.putArray("responses");
            for (Item item : items) {
                responses.add(entry(item.id(), answers.get(item.id())));
            }
            response = ApiResponse.plainJson(200, body);
        } catch (GraphException e) {
            response = e.toResponse(requestId, request.clientRequestId(), gateway.clock().instant());
        }
        response = response.withHeader("request-id", requestId);
        gateway.recordEnvelope(request, caller == null ? null : caller.appId(), response.status(), arrivedAt, start);
        return response;
    }

    private Map<String, ApiResponse> run(ApiRequest envelope, Caller caller, List<Item> items) {
        Map<String, ApiResponse> answers = new HashMap<>();
        List<Item> remaining = new ArrayList<>(items);
        int width = throttle.policy().batchItemsConcurrent() ? PARALLEL_DISPATCH : 1;
        while (!remaining.isEmpty()) {
            List<Item> ready = remaining.stream()
                    .filter(item -> item.dependsOn().stream().allMatch(answers::containsKey))
                    .toList();
            for (int from = 0; from < ready.size(); from += width) {
                List<Item> wave = ready.subList(from, Math.min(ready.size(), from + width));
                List<GraphGateway.Unit> units = new ArrayList<>();
                for (Item item : wave) {
                    boolean dependencyFailed = item.dependsOn().stream().anyMatch(id -> !answers.get(id).isSuccess());
                    if (dependencyFailed) {
                        answers.put(item.id(), new GraphException(424, "FailedDependency",
                                "The request depends on a request of this batch that failed.")
                                .toResponse(java.util.UUID.randomUUID().toString(), envelope.clientRequestId(), gateway.clock().instant()));
                        continue;
                    }
                    units.add(gateway.prepare(inner(envelope, item), path(item.url()), caller, true));
                }
                try {
                    for (int i = 0, u = 0; i < wave.size(); i++) {
                        if (answers.containsKey(wave.get(i).id())) {
                            continue;
                        }
                        answers.put(wave.get(i).id(), gateway.finish(units.get(u++), false));
                    }
                } finally {
                    units.forEach(gateway::release);
                }
            }
            remaining.removeAll(ready);
        }
        return answers;
    }

    private static ApiRequest inner(ApiRequest envelope, Item item) {
        RequestHeaders headers = item.headers().copy();
        headers.set("Authorization", envelope.header("Authorization"));
        if (headers.first("client-request-id") == null && envelope.clientRequestId() != null) {
            headers.set("client-request-id", envelope.clientRequestId());
        }
        String url = item.url();
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? null : url.substring(question + 1);
        return new ApiRequest(item.method(), path.startsWith("/") ? path : "/" + path, query, headers, item.body(),
                envelope.baseUrl());
    }

    private static String path(String url) {
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        return path.startsWith("/") ? path : "/" + path;
    }

    private static ObjectNode entry(String id, ApiResponse response) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("status", response.status());
        ObjectNode headers = node.putObject("headers");
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("request-id") && !name.equalsIgnoreCase("client-request-id")) {
                headers.put(name, value);
            }
        });
        if (response.json() != null) {
            node.set("body", response.json());
        } else if (response.body().length > 0) {
            node.put("body", Base64.getEncoder().encodeToString(response.body()));
        }
        return node;
    }

    private static List<Item> parse(ApiRequest request) {
        JsonNode body = request.json();
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray()) {
            throw invalid("Invalid batch payload format.");
        }
        if (requests.size() == 0) {
            throw invalid("The batch contains no requests.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw invalid("The number of requests in the batch, " + requests.size() + ", exceeds the limit of " + MAX_REQUESTS + ".");
        }
        Map<String, Item> items = new LinkedHashMap<>();
        for (JsonNode node : requests.values()) {
            String id = Json.text(node, "id");
            String method = Json.text(node, "method");
            String url = Json.text(node, "url");
            if (id == null || method == null || url == null) {
                throw invalid("Every request of a batch needs an id, a method and a url.");
            }
            if (items.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(id))) {
                throw invalid("Batch request ids must be unique; '" + id + "' is used twice.");
            }
            if (url.regionMatches(true, 0, "http", 0, 4)) {
                throw invalid("Batch request urls must be relative, such as /users; got '" + url + "'.");
            }
            if (path(url).equalsIgnoreCase("/$batch")) {
                throw invalid("A batch cannot contain another batch.");
            }
            RequestHeaders headers = new RequestHeaders();
            JsonNode headerNode = node.get("headers");
            if (headerNode != null && headerNode.isObject()) {
                headerNode.properties().forEach(header -> headers.add(header.getKey(), header.getValue().asString()));
            }
            List<String> dependsOn = new ArrayList<>();
            JsonNode dependsNode = node.get("dependsOn");
            if (dependsNode != null && dependsNode.isArray()) {
                dependsNode.values().forEach(d -> dependsOn.add(d.asString()));
            }
            items.put(id, new Item(id, method.toUpperCase(Locale.ROOT), url, headers, body(node.get("body"), headers), dependsOn));
        }
        for (Item item : items.values()) {
            for (String dependency : item.dependsOn()) {
                if (!items.containsKey(dependency) || dependency.equals(item.id())) {
                    throw invalid("Request '" + item.id() + "' depends on '" + dependency + "', which is not an earlier request of this batch.");
                }
            }
        }
        assertAcyclic(items);
        return List.copyOf(items.values());
    }

    private static void assertAcyclic(Map<String, Item> items) {
        Map<String, Integer> state = new HashMap<>();
        for (String id : items.keySet()) {
            visit(id, items, state);
        }
    }

    private static void visit(String id, Map<String, Item> items, Map<String, Integer> state) {
        Integer seen = state.get(id);
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            throw invalid("The dependsOn of this batch form a cycle.");
        }
        state.put(id, 1);
        items.get(id).dependsOn().forEach(d -> visit(d, items, state));
        state.put(id, 2);
    }

    private static byte[] body(JsonNode body, RequestHeaders headers) {
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (!body.isString()) {
            return Json.bytes(body);
        }
        String type = headers.first("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).contains("json")) {
            return body.asString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body.asString());
        } catch (IllegalArgumentException e) {
            return body.asString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static GraphException invalid(String message) {
        return GraphException.badRequest("BadRequest", message);
    }
}
