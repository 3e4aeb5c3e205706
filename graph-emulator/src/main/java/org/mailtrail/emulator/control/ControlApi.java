package org.mailtrail.emulator.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.Mailbox;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.throttling.ThrottlePolicy;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON control API under {@code /emulator}; no authentication, as it only ever listens on a test machine. */
public final class ControlApi {

    private final EmulatorControl control;
    private final Supplier<ObjectNode> info;

    /** @param info what {@code GET /emulator} answers: base URLs and where the trust material is */
    public ControlApi(EmulatorControl control, Supplier<ObjectNode> info) {
        this.control = control;
        this.info = info;
    }

    public ApiResponse handle(ApiRequest request) {
        List<String> path = new ArrayList<>();
        for (String segment : request.rawPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(ApiRequest.decodePathSegment(segment));
            }
        }
        path.remove(0);
        try {
            return route(request, path);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            return error(message.startsWith("no ") ? 404 : 400, message);
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        } catch (JacksonException e) {
            return error(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private ApiResponse route(ApiRequest request, List<String> path) {
        String method = request.method();
        String first = path.isEmpty() ? "" : path.get(0);
        int size = path.size();
        switch (first) {
            case "" -> {
                return ok(info.get());
            }
            case "health" -> {
                ObjectNode node = Json.object();
                node.put("status", "UP");
                return ok(node);
            }
            case "seed" -> {
                if (method.equals("POST")) {
                    Seed seed = Seed.parse(request.body());
                    control.seed(seed);
                    ObjectNode node = Json.object();
                    node.put("tenants", seed.tenants().size());
                    node.put("apps", seed.appCount());
                    node.put("mailboxes", seed.mailboxCount());
                    node.put("messages", seed.messageCount());
                    return ok(node);
                }
            }
            case "mailboxes" -> {
                if (size == 1 && method.equals("GET")) {
                    ArrayNode list = Json.array();
                    for (Mailbox mailbox : control.mailboxes()) {
                        ObjectNode node = list.addObject();
                        node.put("address", mailbox.address());
                        node.put("id", mailbox.id());
                        node.put("tenantId", mailbox.tenantId());
                        node.put("displayName", mailbox.displayName());
                    }
                    return ok(list);
                }
                if (size == 3 && path.get(2).equals("messages") && method.equals("GET")) {
                    return ok(tree(control.messages(path.get(1), request.query("folder"))));
                }
                if (size == 3 && path.get(2).equals("recoverable-items") && method.equals("GET")) {
                    return ok(tree(control.recoverableItems(path.get(1))));
                }
                if (size == 3 && path.get(2).equals("messages") && method.equals("POST")) {
                    Mail mail = Json.MAPPER.readValue(request.body(), Mail.class);
                    return ApiResponse.plainJson(201, tree(control.deliver(path.get(1), mail)));
                }
                if (size == 4 && path.get(2).equals("messages") && path.get(3).equals("generate") && method.equals("POST")) {
                    return generate(path.get(1), request);
                }
                if (size == 3 && path.get(2).equals("folders") && method.equals("POST")) {
                    JsonNode body = Json.parse(request.body());
                    ObjectNode node = Json.object();
                    node.put("id", control.createFolder(path.get(1), Json.text(body, "path")));
                    return ApiResponse.plainJson(201, node);
                }
            }
            case "faults" -> {
                if (size == 1 && method.equals("GET")) {
                    return ok(tree(control.faults()));
                }
                if (size == 1 && method.equals("POST")) {
                    Fault fault = Json.MAPPER.readValue(request.body(), Fault.class);
                    if (fault.count() == null && fault.fraction() == null) {
                        fault = fault.times(1);
                    }
                    ObjectNode node = Json.object();
                    node.put("id", control.injectFault(fault));
                    return ApiResponse.plainJson(201, node);
                }
                if (size == 1 && method.equals("DELETE")) {
                    control.clearFaults();
                    return ApiResponse.empty(204);
                }
                if (size == 2 && method.equals("DELETE")) {
                    if (!control.removeFault(Long.parseLong(path.get(1)))) {
                        throw new IllegalArgumentException("no fault " + path.get(1));
                    }
                    return ApiResponse.empty(204);
                }
            }
            case "notifications" -> {
                if (size == 2 && path.get(1).equals("faults")) {
                    if (method.equals("GET")) {
                        return ok(tree(control.notificationFaults()));
                    }
                    if (method.equals("POST")) {
                        JsonNode body = Json.parse(request.body());
                        NotificationFault.Action action = NotificationFault.Action.valueOf(
                                String.valueOf(Json.text(body, "action")).toUpperCase(java.util.Locale.ROOT));
                        Integer count = body.hasNonNull("count") ? body.get("count").asInt() : null;
                        Double fraction = body.hasNonNull("fraction") ? body.get("fraction").asDouble() : null;
                        Integer resolvedCount = count == null && fraction == null ? Integer.valueOf(1) : count;
                        control.injectNotificationFault(body.hasNonNull("deliveries")
                                ? new NotificationFault(action, resolvedCount, fraction, body.get("deliveries").asInt())
                                : new NotificationFault(action, resolvedCount, fraction));
                        return ApiResponse.empty(204);
                    }
                    if (method.equals("DELETE")) {
                        control.clearNotificationFaults();
                        return ApiResponse.empty(204);
                    }
                }
            }
            case "delta-tokens" -> {
                if (size == 2 && path.get(1).equals("evict") && method.equals("POST")) {
                    JsonNode body = request.hasBody() ? Json.parse(request.body()) : Json.object();
                    ObjectNode node = Json.object();
                    node.put("evicted", control.evictDeltaTokens(Json.text(body, "mailbox")));
                    return ok(node);
                }
            }
            case "subscriptions" -> {
                if (size == 1 && method.equals("GET")) {
                    return ok(tree(control.subscriptions()));
                }
                if (size == 2 && method.equals("DELETE")) {
                    control.removeSubscription(path.get(1));
                    return ApiResponse.empty(204);
                }
                if (size == 3 && path.get(2).equals("lifecycle") && method.equals("POST")) {
                    JsonNode body = Json.parse(request.body());
                    control.sendLifecycleNotification(path.get(1), LifecycleEvent.parse(Json.text(body, "event")),
                            body.path("pause").asBoolean(false));
                    return ApiResponse.empty(202);
                }
            }
            case "counters" -> {
                if (size == 1 && method.equals("GET")) {
                    return ok(tree(control.counters()));
                }
                if (size == 2 && path.get(1).equals("reset") && method.equals("POST")) {
                    control.resetCounters();
                    return ApiResponse.empty(204);
                }
            }
            case "requests" -> {
                if (size == 1 && method.equals("GET")) {
                    String since = request.query("since");
                    Instant from = since == null ? Instant.MIN : Instant.parse(since);
                    return ok(tree(control.requestLog().stream().filter(r -> !r.answeredAt().isBefore(from)).toList()));
                }
            }
            case "tokens" -> {
                if (size == 2 && path.get(1).equals("expire") && method.equals("POST")) {
                    control.expireAccessTokens();
                    return ApiResponse.empty(204);
                }
            }
            case "throttling" -> {
                if (size == 1 && method.equals("GET")) {
                    return ok(throttling(control.throttling()));
                }
                if (size == 1 && method.equals("PUT")) {
                    control.throttling(merge(control.throttling(), Json.parse(request.body())));
                    return ok(throttling(control.throttling()));
                }
            }
            default -> {
                return error(404, "no control endpoint " + request.rawPath());
            }
        }
        return error(405, request.method() + " is not supported on " + request.rawPath());
    }

    private ApiResponse generate(String mailbox, ApiRequest request) {
        JsonNode body = Json.parse(request.body());
        int count = body.path("count").asInt(1);
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("count must be between 1 and 100000");
        }
        Mail template = body.hasNonNull("template") ? Json.MAPPER.treeToValue(body.get("template"), Mail.class)
                : Mail.builder().from("Generated Sender <sender@fabrikam.example>").to(mailbox).build();
        String folder = Json.text(body, "folder");
        String subject = template.subject() == null ? "Generated mail" : template.subject();
        control.deliver(mailbox, count, n -> new Mail(folder != null ? folder : template.folder(), subject + " #" + n,
                template.from(), template.sender(), template.toRecipients(), template.ccRecipients(),
                template.bccRecipients(), template.replyTo(), template.body() == null ? "Body of " + subject + " #" + n : template.body(),
                template.bodyContentType(), null, null, null, null, template.isDraft(), template.isRead(),
                template.hasAttachments(), template.importance(), template.categories()));
        ObjectNode node = Json.object();
        node.put("delivered", count);
        return ApiResponse.plainJson(201, node);
    }

    private static ObjectNode throttling(ThrottlePolicy policy) {
        ObjectNode node = Json.object();
        node.put("enabled", policy.enabled());
        node.put("maxConcurrent", policy.maxConcurrent());
        node.put("budget", policy.budget());
        node.put("windowSeconds", policy.window().toSeconds());
        node.put("concurrencyRetryAfterSeconds", policy.concurrencyRetryAfterSeconds());
        return node;
    }

    private static ThrottlePolicy merge(ThrottlePolicy policy, JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!List.of("enabled", "maxConcurrent", "budget", "windowSeconds", "concurrencyRetryAfterSeconds")
                    .contains(field.getKey())) {
                throw new IllegalArgumentException("unknown throttling setting " + field.getKey());
            }
        }
        return new ThrottlePolicy(
                body.path("enabled").asBoolean(policy.enabled()),
                body.path("maxConcurrent").asInt(policy.maxConcurrent()),
                body.path("budget").asInt(policy.budget()),
                body.hasNonNull("windowSeconds") ? Duration.ofSeconds(body.get("windowSeconds").asLong()) : policy.window(),
                body.path("concurrencyRetryAfterSeconds").asInt(policy.concurrencyRetryAfterSeconds()));
    }

    private static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    private static ApiResponse ok(JsonNode body) {
        return ApiResponse.plainJson(200, body);
    }

    private static ApiResponse error(int status, String message) {
        ObjectNode node = Json.object();
        node.put("error", message);
        return ApiResponse.plainJson(status, node);
    }
}
