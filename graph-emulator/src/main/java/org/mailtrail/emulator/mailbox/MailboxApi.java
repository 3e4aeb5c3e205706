package org.mailtrail.emulator.mailbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.GraphCall;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.GraphRouter;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Graph v1.0's user, mailFolders and messages endpoints, in the path forms the Java SDK and hand-written clients use. */
public final class MailboxApi {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private final MailboxService service;

    public MailboxApi(MailboxService service) {
        this.service = service;
    }

    public void register(GraphRouter router) {
        router.add("GET", "/users/{user}", "users.get", this::user);
        router.add("GET", "/users/{user}/mailFolders", "mailFolders.list", call -> folders(call, null));
        router.add("POST", "/users/{user}/mailFolders", "mailFolders.create", call -> createFolder(call, null));
        router.add("GET", "/users/{user}/mailFolders/{folder}", "mailFolders.get", call -> folder(call, call.param("folder")));
        router.add("GET", "/users/{user}/mailFolders/{folder}/childFolders", "childFolders.list",
                call -> folders(call, call.param("folder")));
        router.add("POST", "/users/{user}/mailFolders/{folder}/childFolders", "childFolders.create",
                call -> createFolder(call, call.param("folder")));
        router.add("GET", "/users/{user}/mailFolders/{parent}/childFolders/{folder}", "mailFolders.get",
                call -> folder(call, call.param("folder")));
        for (String folderPath : List.of("/users/{user}/mailFolders/{folder}", "/users/{user}/mailFolders/{parent}/childFolders/{folder}")) {
            router.add("GET", folderPath + "/messages", "messages.list", call -> list(call, call.param("folder")));
            router.add("GET", folderPath + "/messages/delta", "messages.delta", this::delta);
            registerItem(router, folderPath + "/messages/{id}", true);
        }
        router.add("GET", "/users/{user}/messages", "messages.list", call -> list(call, null));
        registerItem(router, "/users/{user}/messages/{id}", false);
    }

    private void registerItem(GraphRouter router, String path, boolean inFolder) {
        router.add("GET", path, "messages.get", call -> ApiResponse.json(200, context(call, select(
                service.message(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"), render(call)),
                call.query("$select")))));
        router.add("PATCH", path, "messages.update", call -> ApiResponse.json(200, context(call,
                service.update(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"), call.request().json(), render(call)))));
        router.add("DELETE", path, "messages.delete", call -> {
            service.delete(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"));
            return ApiResponse.empty(204);
        });
        router.add("POST", path + "/permanentDelete", "messages.permanentDelete", call -> {
            service.permanentDelete(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"));
            return ApiResponse.empty(204);
        });
        router.add("POST", path + "/move", "messages.move", call -> ApiResponse.json(201, context(call,
                service.move(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"), destination(call), render(call)))));
        router.add("POST", path + "/copy", "messages.copy", call -> ApiResponse.json(201, context(call,
                service.copy(mailbox(call), inFolder ? call.param("folder") : null, call.param("id"), destination(call), render(call)))));
    }

    private ApiResponse user(GraphCall call) {
        return ApiResponse.json(200, context(call, service.user(mailbox(call))));
    }

    private ApiResponse folders(GraphCall call, String parent) {
        boolean hidden = Boolean.parseBoolean(call.query("includeHiddenFolders"));
        List<ObjectNode> folders = service.folders(mailbox(call), parent, hidden);
        return page(call, folders, MessageJson.FOLDER_PROPERTIES, "microsoft.graph.mailFolder");
    }

    private ApiResponse folder(GraphCall call, String ref) {
        ObjectNode folder = service.folder(mailbox(call), ref);
        List<String> select = MessageJson.parseSelect(call.query("$select"), MessageJson.FOLDER_PROPERTIES, "microsoft.graph.mailFolder");
        return ApiResponse.json(200, context(call, MessageJson.select(folder, select)));
    }

    private ApiResponse createFolder(GraphCall call, String parent) {
        JsonNode body = call.request().json();
        ObjectNode created = service.createFolder(mailbox(call), parent, Json.text(body, "displayName"),
                body.path("isHidden").asBoolean(false));
        return ApiResponse.json(201, context(call, created));
    }

    private ApiResponse list(GraphCall call, String folder) {
        List<ObjectNode> messages = service.messageList(mailbox(call), folder, render(call));
        return page(call, messages, MessageJson.MESSAGE_PROPERTIES, "microsoft.graph.message");
    }

    private ApiResponse delta(GraphCall call) {
        Map<String, String> query = call.request().query();
        notEmulated(query, "$filter", "$orderby", "$search", "$expand", "$top", "$skip");
        int pageSize = Math.min(call.prefer().maxPageSize().orElse(DEFAULT_PAGE), MAX_PAGE);
        MailboxService.DeltaPage page = service.delta(mailbox(call), call.param("folder"),
                new MailboxService.DeltaQuery(query.get("$skiptoken"), query.get("$deltatoken"), query.get("$select"),
                        query.get("changeType"), pageSize, render(call)));
        String self = absolutePath(call);
        ObjectNode body = Json.object();
        body.put("@odata.context", call.graphBase() + "/$metadata#Collection(message)");
        if (page.nextToken() != null) {
            body.put("@odata.nextLink", self + "?$skiptoken=" + page.nextToken());
        }
        ArrayNode value = body.putArray("value");
        page.value().forEach(value::add);
        if (page.deltaToken() != null) {
            body.put("@odata.deltaLink", self + "?$deltatoken=" + page.deltaToken());
        }
        ApiResponse response = ApiResponse.json(200, body);
        String applied = preferenceApplied(call);
        return applied.isEmpty() ? response : response.withHeader("Preference-Applied", applied);
    }

    /** Filters, orders, selects and pages a collection the way Graph does for mail ($top defaults to 10). */
    private ApiResponse page(GraphCall call, List<ObjectNode> items, List<String> properties, String type) {
        Map<String, String> query = call.request().query();
        notEmulated(query, "$search", "$expand");
        List<String> select = MessageJson.parseSelect(query.get("$select"), properties, type);
        Predicate<JsonNode> filter = ODataFilter.parse(query.get("$filter"));
        List<ObjectNode> matching = new ArrayList<>(items.stream().filter(filter).toList());
        String orderBy = query.get("$orderby");
        if (orderBy != null && !orderBy.isBlank()) {
            matching.sort(order(orderBy, properties, type));
        }
        int top = parseInt(query.get("$top"), DEFAULT_PAGE, "$top");
        if (top < 1 || top > MAX_PAGE) {
            throw GraphException.badRequest("ErrorInvalidUrlQuery", "The value of $top must be between 1 and " + MAX_PAGE + ".");
        }
        int skip = Math.max(0, parseInt(query.get("$skip"), 0, "$skip"));
        ObjectNode body = Json.object();
        body.put("@odata.context", call.graphBase() + "/$metadata#Collection(" + type.substring("microsoft.graph.".length()) + ")");
        if ("true".equalsIgnoreCase(query.get("$count"))) {
            body.put("@odata.count", matching.size());
        }
        ArrayNode value = body.putArray("value");
        matching.stream().skip(skip).limit(top).forEach(item -> value.add(MessageJson.select(item, select)));
        if (skip + top < matching.size()) {
            Map<String, String> next = new LinkedHashMap<>(ApiRequest.parseQuery(call.request().rawQuery()));
            next.keySet().removeIf(name -> name.equalsIgnoreCase("$skip") || name.equalsIgnoreCase("$top"));
            next.put("$top", Integer.toString(top));
            next.put("$skip", Integer.toString(skip + top));
            StringJoiner encoded = new StringJoiner("&");
            next.forEach((name, v) -> encoded.add(encode(name) + "=" + encode(v)));
            body.put("@odata.nextLink", absolutePath(call) + "?" + encoded);
        }
        return ApiResponse.json(200, body);
    }

    private static Comparator<ObjectNode> order(String orderBy, List<String> properties, String type) {
        Comparator<ObjectNode> comparator = null;
        for (String clause : orderBy.split(",")) {
            String[] parts = clause.trim().split("\\s+");
            String property = properties.stream().filter(p -> p.equalsIgnoreCase(parts[0])).findFirst()
                    .orElseThrow(() -> GraphException.badRequest("RequestBroker--ParseUri",
                            "Could not find a property named '" + parts[0] + "' on type '" + type + "'."));
            boolean descending = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
            Comparator<ObjectNode> one = Comparator.comparing(node -> node.path(property).asString(""),
                    String.CASE_INSENSITIVE_ORDER);
            if (descending) {
                one = one.reversed();
            }
            comparator = comparator == null ? one : comparator.thenComparing(one);
        }
        return comparator;
    }

    private Mailbox mailbox(GraphCall call) {
        return service.find(call.param("user")).orElseThrow(() -> GraphException.notFound("ErrorInvalidUser",
                "The requested user '" + call.param("user") + "' is invalid."));
    }

    private static MailboxService.Render render(GraphCall call) {
        return new MailboxService.Render(call.prefer().immutableIds(), call.prefer().bodyContentType().orElse(null));
    }

    private static String destination(GraphCall call) {
        JsonNode body = call.request().json();
        String destination = Json.text(body, "destinationId");
        return destination != null ? destination : Json.text(body, "DestinationId");
    }

    private static ObjectNode select(ObjectNode message, String select) {
        return MessageJson.select(message, MessageJson.parseSelect(select, MessageJson.MESSAGE_PROPERTIES, "microsoft.graph.message"));
    }

    private static ObjectNode context(GraphCall call, ObjectNode entity) {
        ObjectNode node = Json.object();
        node.put("@odata.context", call.graphBase() + "/$metadata#$entity");
        node.setAll(entity);
        return node;
    }

    /** The request's own path as an absolute URL, so links come back to this emulator in the caller's spelling. */
    private static String absolutePath(GraphCall call) {
        String path = call.request().rawPath();
        String withVersion = path.regionMatches(true, 0, "/v1.0/", 0, 6) ? path : "/v1.0" + (path.startsWith("/") ? path : "/" + path);
        return call.request().baseUrl() + withVersion;
    }

    private static String preferenceApplied(GraphCall call) {
        List<String> applied = new ArrayList<>();
        call.prefer().maxPageSize().ifPresent(size -> applied.add("odata.maxpagesize=" + Math.min(size, MAX_PAGE)));
        if (call.prefer().immutableIds()) {
            applied.add("IdType=\"ImmutableId\"");
        }
        return String.join(", ", applied);
    }

    /** Says so, rather than quietly answering as if an option had been applied. */
    private static void notEmulated(Map<String, String> query, String... options) {
        for (String option : options) {
            if (query.containsKey(option)) {
                throw GraphException.badRequest("ErrorInvalidUrlQuery", "The query option " + option
                        + " is not emulated by graph-emulator on this endpoint.");
            }
        }
    }

    private static int parseInt(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw GraphException.badRequest("ErrorInvalidUrlQuery", "The value of " + name + " is not a number.");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$")
                .replace("%2C", ",").replace("%27", "'");
    }

}
