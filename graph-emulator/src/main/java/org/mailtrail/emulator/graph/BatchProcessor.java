package org.mailtrail.emulator.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.http.RequestHeaders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON batching. Each item is a Graph request of its own: authorised by the envelope's token, counted against
 * its mailbox's budget and concurrency, and answered with its own status and headers (a 429 item carries its
 * own Retry-After). A batch is either fully parallel (no {@code dependsOn}) or fully sequential (each item
 * depends on the one before it); any other shape is refused as a whole. Parallel items are all dispatched at
 * once, so beyond the mailbox's four concurrent requests they are 429s; sequential items run one at a time, and
 * after one fails the rest answer 424. Responses come in no particular order.
 */
final class BatchProcessor {

    static final int MAX_REQUESTS = 20;
    static final String SHAPE_REFUSED = "Batch should be either fully sequential or fully parallel.";

    private record Item(String id, String method, String url, RequestHeaders headers, byte[] body, List<String> dependsOn) {
    }

    private final GraphGateway gateway;
    private final Random order;

    BatchProcessor(GraphGateway gateway, long randomSeed) {
        this.gateway = gateway;
        this.order = new Random(randomSeed);
    }

    ApiResponse handle(ApiRequest request) {
        long start = System.nanoTime();
        java.time.Instant arrivedAt = gateway.clock().instant();
        String requestId = UUID.randomUUID().toString();
        Caller caller = null;
        ApiResponse response;
        try {
            caller = gateway.authenticate(request);
            GraphGateway.pause(gateway.injectedFault(request, "/$batch").delayMillis());
            List<Item> items = parse(request);
            Map<String, ApiResponse> answers = sequential(items) ? runInSequence(request, caller, items)
                    : runInParallel(request, caller, items);
            List<Item> answerOrder = new ArrayList<>(items);
            synchronized (order) {
                Collections.shuffle(answerOrder, order);
            }
            ObjectNode body = Json.object();
            ArrayNode responses = body.putArray("responses");
            for (Item item : answerOrder) {
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

    private static boolean sequential(List<Item> items) {
        return items.stream().anyMatch(item -> !item.dependsOn().isEmpty());
    }

    /** Every item at once: each holds one of its mailbox's concurrent requests until all are answered. */
    private Map<String, ApiResponse> runInParallel(ApiRequest envelope, Caller caller, List<Item> items) {
        Map<String, ApiResponse> answers = new HashMap<>();
        List<GraphGateway.Unit> units = new ArrayList<>();
        try {
            for (Item item : items) {
                units.add(gateway.prepare(inner(envelope, item), path(item.url()), caller, true));
            }
            for (int i = 0; i < items.size(); i++) {
                answers.put(items.get(i).id(), gateway.finish(units.get(i), false));
            }
        } finally {
            units.forEach(gateway::release);
        }
        return answers;
    }

    /** One item after the other; once one has failed, the rest are not run and answer 424. */
    private Map<String, ApiResponse> runInSequence(ApiRequest envelope, Caller caller, List<Item> items) {
        Map<String, ApiResponse> answers = new HashMap<>();
        boolean failed = false;
        for (Item item : items) {
            ApiResponse answer;
            if (failed) {
                answer = new GraphException(424, "FailedDependency",
                        "The request depends on a request of this batch that failed.")
                        .toResponse(UUID.randomUUID().toString(), envelope.clientRequestId(), gateway.clock().instant());
            } else {
                answer = gateway.finish(gateway.prepare(inner(envelope, item), path(item.url()), caller, true), true);
                failed = !answer.isSuccess();
            }
            answers.put(item.id(), answer);
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
            JsonNode bodyNode = node.get("body");
            if (bodyNode != null && !bodyNode.isNull() && headers.first("Content-Type") == null) {
                throw invalid("Write request id : " + id + " does not contain Content-Type header or body.");
            }
            List<String> dependsOn = new ArrayList<>();
            JsonNode dependsNode = node.get("dependsOn");
            if (dependsNode != null && dependsNode.isArray()) {
                dependsNode.values().forEach(d -> dependsOn.add(d.asString()));
            }
            items.put(id, new Item(id, method.toUpperCase(Locale.ROOT), url, headers, body(bodyNode, headers), dependsOn));
        }
        for (Item item : items.values()) {
            for (String dependency : item.dependsOn()) {
                if (!items.containsKey(dependency) || dependency.equals(item.id())) {
                    throw invalid("Request '" + item.id() + "' depends on '" + dependency + "', which is not an earlier request of this batch.");
                }
            }
        }
        List<Item> list = List.copyOf(items.values());
        assertShape(list);
        return list;
    }

    /** Fully parallel (no item depends on another) or fully sequential (each on the one before it), nothing else. */
    private static void assertShape(List<Item> items) {
        if (items.stream().allMatch(item -> item.dependsOn().isEmpty())) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            List<String> expected = i == 0 ? List.of() : List.of(items.get(i - 1).id());
            if (!items.get(i).dependsOn().equals(expected)) {
                throw invalid(SHAPE_REFUSED);
            }
        }
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
