package org.mailtrail.emulator.subscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.emulator.faults.NotificationFaults;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.identity.ChangeNotificationTokens;
import org.mailtrail.emulator.metrics.Counters;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers notifications the way Graph does: POSTed as {@code {"value":[...]}}, several at once when several are
 * due for the same URL (those that would fall due within the batch delay ride along, as do those that queued
 * while the previous POST was under way), and again later when the receiver fails or does not answer 2xx within
 * the timeout. A POST holding notifications with resource data carries a validation token for each app and tenant
 * among them, made when the POST is sent, so a retry carries fresh ones.
 * Graph keeps retrying for hours; here retries are bounded so tests end.
 */
public final class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());

    /**
     * @param timeout        how long a receiver has to answer (Graph: 3 s)
     * @param maxAttempts    deliveries tried per notification before it is abandoned
     * @param initialBackoff wait before the first retry; doubles for each further one
     * @param batchDelay     how long a new notification waits for others to share its POST
     * @param maxBatch       most notifications in one POST
     * @param maxBackoff     the longest wait between two tries; with enough attempts, retries last hours as Graph's do
     */
    public record Settings(Duration timeout, int maxAttempts, Duration initialBackoff, Duration batchDelay, int maxBatch,
                           Duration maxBackoff) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(3), 5, Duration.ofSeconds(1),
                Duration.ofMillis(50), 100);

        /** Retries that wait at most a minute. */
        public Settings(Duration timeout, int maxAttempts, Duration initialBackoff, Duration batchDelay, int maxBatch) {
            this(timeout, maxAttempts, initialBackoff, batchDelay, maxBatch, Duration.ofMinutes(1));
        }
    }

    /** The app and tenant a validation token vouches for. */
    public record Audience(String appId, String tenantId) {
    }

    /**
     * A notification to deliver; {@code copiesLeft} more copies follow once it is delivered.
     *
     * @param audience who the POST's validation tokens must cover for it, or {@code null} without resource data
     */
    private record Item(String subscriptionId, ObjectNode payload, Audience audience, int attempts, long dueAt,
                        int copiesLeft) {
        Item retry(long at) {
            return new Item(subscriptionId, payload, audience, attempts + 1, at, copiesLeft);
        }

        Item copy(long at) {
            return new Item(subscriptionId, payload, audience, 0, at, copiesLeft - 1);
        }
    }

    private final class Target {
        final String url;
        final boolean lifecycle;
        final List<Item> pending = new ArrayList<>();
        boolean inFlight;
        ScheduledFuture<?> scheduled;
        long scheduledAt;

        Target(String url, boolean lifecycle) {
            this.url = url;
            this.lifecycle = lifecycle;
        }

        synchronized void add(Item item) {
            pending.add(item);
            schedule(item.dueAt());
        }

        /** Caller holds this target's lock. */
        void schedule(long at) {
            if (inFlight || closed) {
                return;
            }
            if (scheduled != null && !scheduled.isDone() && scheduledAt <= at) {
                return;
            }
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            scheduledAt = at;
            try {
                scheduled = scheduler.schedule(this::flush, Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                scheduled = null;
            }
        }

        void flush() {
            List<Item> batch = new ArrayList<>();
            synchronized (this) {
                scheduled = null;
                if (inFlight || closed) {
                    return;
                }
                long now = clock.millis();
                long ridesAlong = now + settings.batchDelay().toMillis();
                pending.removeIf(item -> !lifecycle && !subscriptionAlive.test(item.subscriptionId()));
                if (pending.stream().noneMatch(item -> item.dueAt() <= now)) {
                    pending.stream().mapToLong(Item::dueAt).min().ifPresent(this::schedule);
                    return;
                }
                for (Item item : new ArrayList<>(pending)) {
                    if (item.dueAt() <= ridesAlong && batch.size() < settings.maxBatch()) {
                        batch.add(item);
                        pending.remove(item);
                    }
                }
                inFlight = true;
            }
            post(this, batch);
        }

        synchronized void completed(List<Item> batch, boolean delivered) {
            inFlight = false;
            long now = clock.millis();
            if (delivered) {
                if (lifecycle) {
                    counters.lifecycleSent(batch.size());
                } else {
                    counters.notificationsSent(batch.size());
                }
                batch.stream().filter(item -> item.copiesLeft() > 0).forEach(item -> pending.add(item.copy(now)));
            } else {
                if (lifecycle) {
                    counters.lifecycleFailed(batch.size());
                } else {
                    counters.notificationsFailed(batch.size());
                }
                for (Item item : batch) {
                    if (item.attempts() + 1 >= settings.maxAttempts()) {
                        counters.notificationsAbandoned(1);
                    } else {
                        long backoff = settings.initialBackoff().toMillis() << Math.min(item.attempts(), 20);
                        pending.add(item.retry(now + Math.min(backoff, settings.maxBackoff().toMillis())));
                    }
                }
            }
            pending.stream().mapToLong(Item::dueAt).min().ifPresent(this::schedule);
        }
    }

    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Counters counters;
    private final NotificationFaults faults;
    private final Predicate<String> subscriptionAlive;
    private final ChangeNotificationTokens validationTokens;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Settings settings;
    private volatile boolean closed;

    public NotificationDispatcher(HttpClient http, ScheduledExecutorService scheduler, Clock clock, Counters counters,
                                  NotificationFaults faults, Settings settings, Predicate<String> subscriptionAlive,
                                  ChangeNotificationTokens validationTokens) {
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.counters = counters;
        this.faults = faults;
        this.settings = settings;
        this.subscriptionAlive = subscriptionAlive;
        this.validationTokens = validationTokens;
    }

    /**
     * Queues a change notification; fault injection may drop it here or mark it for a second delivery.
     *
     * @param audience the subscribing app and its tenant when the notification carries resource data, else
     *                 {@code null}
     */
    public void change(String url, String subscriptionId, ObjectNode notification, Audience audience) {
        Optional<NotificationFault> fault = faults.decide();
        if (fault.isPresent() && fault.get().action() == NotificationFault.Action.DROP) {
            counters.notificationDropped();
            return;
        }
        int copies = fault.map(duplicate -> duplicate.deliveries() - 1).orElse(0);
        for (int i = 0; i < copies; i++) {
            counters.notificationDuplicated();
        }
        target(url, false).add(new Item(subscriptionId, notification, audience, 0,
                clock.millis() + settings.batchDelay().toMillis(), copies));
    }

    public void lifecycle(String url, String subscriptionId, ObjectNode notification) {
        target(url, true).add(new Item(subscriptionId, notification, null, 0,
                clock.millis() + settings.batchDelay().toMillis(), 0));
    }

    public void close() {
        closed = true;
        for (Target target : targets.values()) {
            synchronized (target) {
                if (target.scheduled != null) {
                    target.scheduled.cancel(false);
                }
            }
        }
    }

    private Target target(String url, boolean lifecycle) {
        return targets.computeIfAbsent((lifecycle ? "L " : "C ") + url, key -> new Target(url, lifecycle));
    }

    private void post(Target target, List<Item> batch) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        batch.forEach(item -> value.add(item.payload()));
        LinkedHashSet<Audience> audiences = new LinkedHashSet<>();
        batch.stream().map(Item::audience).filter(Objects::nonNull).forEach(audiences::add);
        if (!audiences.isEmpty()) {
            ArrayNode tokens = body.putArray("validationTokens");
            audiences.forEach(audience -> tokens.add(validationTokens.issue(audience.appId(), audience.tenantId())));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.url))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                    .build();
        } catch (IllegalArgumentException e) {
            target.completed(batch, false);
            return;
        }
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                boolean delivered = error == null && response.statusCode() >= 200 && response.statusCode() < 300;
                if (error != null) {
                    LOG.log(Level.FINE, "notification to " + target.url + " failed", error);
                }
                target.completed(batch, delivered);
            });
        } catch (RuntimeException e) {
            target.completed(batch, false);
        }
    }
}
