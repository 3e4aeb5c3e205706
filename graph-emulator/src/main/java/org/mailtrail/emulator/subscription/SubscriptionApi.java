package org.mailtrail.emulator.subscription;

import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.GraphCall;
import org.mailtrail.emulator.http.GraphRouter;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /subscriptions}: create, list, get, renew, delete and reauthorize. */
public final class SubscriptionApi {

    private final SubscriptionService service;

    public SubscriptionApi(SubscriptionService service) {
        this.service = service;
    }

    public void register(GraphRouter router) {
        router.add("POST", "/subscriptions", "subscriptions.create", this::create, SubscriptionApi::mailboxOfBody);
        router.add("GET", "/subscriptions", "subscriptions.list", this::list, call -> null);
        router.add("GET", "/subscriptions/{id}", "subscriptions.get", call -> ApiResponse.json(200,
                service.json(owned(call), call.graphBase())), this::mailboxOfSubscription);
        router.add("PATCH", "/subscriptions/{id}", "subscriptions.update", call -> ApiResponse.json(200,
                service.json(service.update(call.caller(), call.param("id"), call.request().json()), call.graphBase())),
                this::mailboxOfSubscription);
        router.add("DELETE", "/subscriptions/{id}", "subscriptions.delete", call -> {
            service.delete(call.caller(), call.param("id"));
            return ApiResponse.empty(204);
        }, this::mailboxOfSubscription);
        router.add("POST", "/subscriptions/{id}/reauthorize", "subscriptions.reauthorize", call -> {
            service.reauthorize(call.caller(), call.param("id"));
            return ApiResponse.empty(200);
        }, this::mailboxOfSubscription);
    }

    private ApiResponse create(GraphCall call) {
        Subscription created = service.create(call.caller(), call.request().json(), call.prefer().immutableIds());
        return ApiResponse.json(201, service.json(created, call.graphBase()));
    }

    private ApiResponse list(GraphCall call) {
        ObjectNode body = Json.object();
        body.put("@odata.context", call.graphBase() + "/$metadata#subscriptions");
        ArrayNode value = body.putArray("value");
        service.all().stream()
                .filter(s -> s.appId().equalsIgnoreCase(call.caller().appId()))
                .forEach(s -> {
                    ObjectNode node = service.json(s, call.graphBase());
                    node.remove("@odata.context");
                    value.add(node);
                });
        return ApiResponse.json(200, body);
    }

    private Subscription owned(GraphCall call) {
        return service.find(call.param("id"))
                .filter(s -> s.appId().equalsIgnoreCase(call.caller().appId()) && service.alive(s.id()))
                .orElseThrow(() -> org.mailtrail.emulator.http.GraphException.notFound("ResourceNotFound", "The object was not found."));
    }

    private static String mailboxOfBody(GraphCall call) {
        try {
            SubscriptionService.Resource resource = SubscriptionService.parseResource(
                    Json.text(call.request().json(), "resource"), call.caller());
            return resource == null ? null : resource.user();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String mailboxOfSubscription(GraphCall call) {
        return service.find(call.param("id")).map(Subscription::mailboxAddress).orElse(null);
    }
}
