package org.mailtrail.ingestor.webhook.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.graph.ValidationTokens;
import org.mailtrail.ingestor.subscription.domain.SubscriptionManager;
import org.mailtrail.ingestor.subscription.domain.Verification;
import org.mailtrail.ingestor.sync.domain.DeltaSync;
import org.mailtrail.ingestor.sync.domain.NotifiedMail;
import org.mailtrail.ingestor.work.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a delivery, checks each notification against the subscriptions this ingestor created, counts it, and
 * hands what is accepted on. A notification of a basic subscription is only a trigger: it asks its connection's
 * worker for a delta round, which reads what actually changed. One of a rich subscription carries the mail,
 * encrypted: once the delivery's validation tokens are found to be Graph's (on a worker thread, after the answer),
 * its mail is published from it without a round, and a delivery whose tokens fail falls back to a round. Nothing on
 * the request thread waits for Graph, Entra or Kafka.
 */
@Service
public class NotificationIntake {

    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    /** Graph's notification collection; only what the ingestor uses of each notification. */
    record Delivery(List<Notification> value, List<String> validationTokens) {
    }

    /** @param encryptedContent and {@code resourceData}: the mail of a rich notification, as Graph sent them */
    record Notification(String subscriptionId, String clientState, String changeType, String resource,
            String lifecycleEvent, String tenantId, JsonNode encryptedContent, JsonNode resourceData) {
    }

    /** The mail of a delivery for one connection, and the tenant its tokens must be issued by. */
    private record RichItems(String tenantId, List<String> items) {
    }

    private final SubscriptionManager subscriptions;
    private final DeltaSync sync;
    private final NotifiedMail notified;
    private final ValidationTokens tokens;
    private final ConnectionSupervisor connections;
    private final WorkerPool pool;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final int maxNotifications;

    public NotificationIntake(SubscriptionManager subscriptions, DeltaSync sync, NotifiedMail notified,
            ValidationTokens tokens, ConnectionSupervisor connections, WorkerPool pool, JsonMapper json,
            MeterRegistry registry, IngestorProperties properties) {
        this.subscriptions = subscriptions;
        this.sync = sync;
        this.notified = notified;
        this.tokens = tokens;
        this.connections = connections;
        this.pool = pool;
        this.json = json;
        this.registry = registry;
        this.maxNotifications = properties.webhook().maxNotifications();
    }

    /**
     * Checks and dispatches a delivery; throws {@link MalformedNotificationException} for one that is not JSON
     * and {@link TooManyNotificationsException} for one with more notifications than allowed. The subscriptions
     * are looked up in memory, so no notification, forged or not, costs a database query.
     */
    public void receive(NotificationKind kind, byte[] body) {
        Delivery delivery = parse(kind, body);
        if (delivery.value().size() > maxNotifications) {
            refused(kind, "too_many");
            throw new TooManyNotificationsException(maxNotifications);
        }
        Set<String> toSync = new LinkedHashSet<>();
        Map<String, RichItems> rich = new LinkedHashMap<>();
        // Graph puts up to a hundred notifications of one subscription into a delivery: check each once.
        Map<List<String>, Verification> checked = new HashMap<>();
        for (Notification notification : delivery.value()) {
            Verification verification = checked.computeIfAbsent(
                    Arrays.asList(notification.subscriptionId(), notification.clientState(), notification.tenantId()),
                    key -> subscriptions.verify(key.get(0), key.get(1), key.get(2)));
            count(kind, verification.outcome().tag());
            if (!verification.isAccepted()) {
                log.debug("dropped a {} notification: {} for subscription {}", kind.tag(), verification.outcome(),
                        notification.subscriptionId());
                continue;
            }
            if (kind == NotificationKind.LIFECYCLE) {
                lifecycle(verification.connectionId(), notification);
            } else if (!verification.rich()) {
                toSync.add(verification.connectionId());
            } else if (notification.encryptedContent() == null || !notification.encryptedContent().isObject()) {
                notified.unusable(verification.connectionId(), "not_encrypted", 1);
            } else {
                rich.computeIfAbsent(verification.connectionId(), id -> new RichItems(
                        verification.tenantId() != null ? verification.tenantId() : notification.tenantId(),
                        new ArrayList<>())).items().add(item(notification));
            }
        }
        // One line per connection and delivery, in the delivery's trace: what the mail it brings is traced back to.
        toSync.forEach(connectionId -> log.info("change notifications for connection {}: a delta round follows",
                connectionId));
        rich.forEach((connectionId, items) -> log.info("change notifications for connection {}: {} mail carried",
                connectionId, items.items().size()));
        toSync.forEach(sync::trigger);
        if (!rich.isEmpty()) {
            List<String> validationTokens = delivery.validationTokens();
            pool.submit("reading the mail of rich notifications", () -> readMail(validationTokens, rich));
        }
    }

    /**
     * Publishes the mail of a delivery's rich notifications once its tokens vouch for every app and tenant the mail
     * is for; otherwise each connection gets a delta round instead. A connection that is no longer enabled gets
     * neither.
     */
    private void readMail(List<String> validationTokens, Map<String, RichItems> rich) {
        Map<String, ValidationTokens.Audience> audiences = new LinkedHashMap<>();
        rich.forEach((connectionId, items) -> {
            Optional<FollowedConnection> connection = connections.enabled(connectionId);
            if (connection.isPresent()) {
                audiences.put(connectionId, new ValidationTokens.Audience(connection.get().clientId(),
                        items.tenantId(), connection.get().authorityHost()));
            } else {
                log.debug("dropped the rich notifications of connection {}, which is not enabled", connectionId);
            }
        });
        if (audiences.isEmpty()) {
            return;
        }
        Optional<String> refusal = tokens.refusal(validationTokens, audiences.values());
        if (refusal.isPresent()) {
            log.warn("the validation tokens of a delivery for {} fail ({}); delta rounds read its mail instead",
                    audiences.keySet(), refusal.get());
            audiences.keySet().forEach(id -> notified.unusable(id, "invalid_tokens", rich.get(id).items().size()));
            return;
        }
        audiences.keySet().forEach(id -> rich.get(id).items().forEach(item -> notified.receive(id, item)));
    }

    /** What of a rich notification carries its mail, as Graph sent it: never its clientState. */
    private String item(Notification notification) {
        ObjectNode item = json.createObjectNode();
        item.set("encryptedContent", notification.encryptedContent());
        if (notification.resourceData() != null) {
            item.set("resourceData", notification.resourceData());
        }
        return json.writeValueAsString(item);
    }

    /** Counts a delivery refused as a whole before its notifications could be read. */
    public void refused(NotificationKind kind, String outcome) {
        count(kind, outcome);
    }

    private void lifecycle(String connectionId, Notification notification) {
        String event = notification.lifecycleEvent() == null ? "" : notification.lifecycleEvent();
        log.info("lifecycle notification {} for subscription {} of connection {}", event,
                notification.subscriptionId(), connectionId);
        switch (event.toLowerCase(Locale.ROOT)) {
            case "reauthorizationrequired" ->
                    subscriptions.reauthorizationRequired(connectionId, notification.subscriptionId());
            case "subscriptionremoved" -> pool.submit("recreating the subscription of " + connectionId,
                    () -> subscriptions.removed(connectionId, notification.subscriptionId()));
            case "missed" -> sync.trigger(connectionId);
            default -> log.warn("unknown lifecycle event '{}' for connection {}", event, connectionId);
        }
    }

    private Delivery parse(NotificationKind kind, byte[] body) {
        Delivery delivery;
        try {
            delivery = json.readValue(body, Delivery.class);
        } catch (JacksonException e) {
            refused(kind, "malformed");
            // Where, not what: the parser's message quotes the delivery, and the answer must not reflect a sender's input.
            throw new MalformedNotificationException("not a JSON notification collection" + where(e));
        }
        if (delivery == null || delivery.value() == null || delivery.value().stream().anyMatch(n -> n == null)) {
            refused(kind, "malformed");
            throw new MalformedNotificationException("a notification collection needs a 'value' array of notifications");
        }
        return delivery;
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private void count(NotificationKind kind, String outcome) {
        Counter.builder("mailtrail.notifications.received")
                .description("Graph notifications received at the webhook, by kind and by what became of them")
                .tag("type", kind.tag())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
