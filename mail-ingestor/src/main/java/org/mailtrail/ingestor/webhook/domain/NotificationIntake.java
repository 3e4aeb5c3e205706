package org.mailtrail.ingestor.webhook.domain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.subscription.domain.SubscriptionManager;
import org.mailtrail.ingestor.subscription.domain.Verification;
import org.mailtrail.ingestor.sync.domain.DeltaSync;
import org.mailtrail.ingestor.work.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a delivery, checks each notification against the subscriptions this ingestor created, counts it, and
 * hands what is accepted on. A notification is only a trigger: it asks its connection's worker for a delta
 * round, which reads what actually changed. Nothing here waits for Graph or Kafka.
 */
@Service
public class NotificationIntake {

    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    /** Graph's notification collection; only what the ingestor uses of each notification. */
    record Delivery(List<Notification> value) {
    }

    record Notification(String subscriptionId, String clientState, String changeType, String resource,
            String lifecycleEvent, String tenantId) {
    }

    private final SubscriptionManager subscriptions;
    private final DeltaSync sync;
    private final WorkerPool pool;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final int maxNotifications;

    public NotificationIntake(SubscriptionManager subscriptions, DeltaSync sync, WorkerPool pool, JsonMapper json,
            MeterRegistry registry, IngestorProperties properties) {
        this.subscriptions = subscriptions;
        this.sync = sync;
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
            if (kind == NotificationKind.CHANGE) {
                toSync.add(verification.connectionId());
            } else {
                lifecycle(verification.connectionId(), notification);
            }
        }
        toSync.forEach(sync::trigger);
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
