package org.mailtrail.ingestor.subscription.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.ConnectionListener;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.PushState;
import org.mailtrail.ingestor.connection.domain.ConnectionSignals;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.domain.StopReason;
import org.mailtrail.ingestor.graph.MailboxGraphs;
import org.mailtrail.ingestor.graph.MailFolders;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.mailtrail.ingestor.graph.NotificationCertificates;
import org.mailtrail.ingestor.graph.NotificationCertificates.NotificationCertificate;
import org.mailtrail.ingestor.subscription.store.SubscriptionStore;
import org.mailtrail.ingestor.sync.domain.DeltaSync;
import org.mailtrail.ingestor.sync.domain.MailMapper;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import com.microsoft.graph.models.Subscription;
import com.microsoft.kiota.ApiException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps one subscription per pushing connection alive. All of a connection's subscription work (create,
 * verify after a restart, renew, reauthorize, recreate) runs in one single-flight task, so a renewal and a
 * lifecycle event never race each other into two subscriptions. It runs on the instance holding the connection's
 * lease, under it: the lease is checked before every change at Graph, and the stored subscription is written under
 * its epoch. A lifecycle notification that reaches another instance is handed to that one.
 *
 * <p>With a notification key store the subscription is rich: its notifications carry the mail's selected properties,
 * encrypted with the newest certificate. A stored subscription of the other kind is replaced (Graph cannot switch
 * {@code includeResourceData} on an existing one); one that encrypts with an older certificate is renewed at once
 * with the newest, as Microsoft's key rotation asks.
 */
@Service
@Order(1)
public class SubscriptionManager implements ConnectionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);
    private static final String SIGNAL = "subscription";
    /**
     * How a subscription signal says that Graph removed the subscription it names; a signal naming a subscription
     * without it asks for its reauthorization.
     */
    private static final String REMOVED = "removed:";

    private final MailboxGraphs graphs;
    private final MailFolders folders;
    private final SubscriptionStore store;
    private final DeltaSync sync;
    private final PushState push;
    private final WorkerPool pool;
    private final IngestorProperties.Subscriptions settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ConnectionSignals signals;
    private final NotificationCertificates certificates;
    private final Map<String, Keeper> keepers = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> checks;
    private final ScheduledFuture<?> reloads;

    public SubscriptionManager(MailboxGraphs graphs, MailFolders folders, SubscriptionStore store, DeltaSync sync,
            PushState push, WorkerPool pool, Timers timers, ConnectionSignals signals,
            NotificationCertificates certificates, IngestorProperties properties, Clock clock, MeterRegistry registry) {
        this.graphs = graphs;
        this.folders = folders;
        this.store = store;
        this.sync = sync;
        this.push = push;
        this.pool = pool;
        this.settings = properties.subscriptions();
        this.clock = clock;
        this.registry = registry;
        this.signals = signals;
        this.certificates = certificates;
        signals.receive(SIGNAL, this::heldHere, signal -> maintainHere(signal.connectionId(), signal.subject()));
        this.checks = timers.every("subscription checks", settings.checkInterval(),
                () -> keepers.values().forEach(k -> k.flight.trigger()));
        this.reloads = timers.every("reading the subscriptions again", Duration.ZERO,
                properties.webhook().subscriptionsRefresh(), store::reloadKnown);
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        if (!connection.graph()) {
            return;
        }
        if (!connection.push()) {
            // A connection that no longer pushes may still have the subscription of an earlier revision.
            pool.submit("removing the subscription of " + connection.id(), () -> remove(connection, ownership));
            return;
        }
        Keeper previous = keepers.remove(connection.id());
        if (previous != null) {
            // Stopped first: the new keeper registers the same expiry gauge.
            previous.stop();
        }
        Keeper keeper = new Keeper(connection, ownership);
        keepers.put(connection.id(), keeper);
        keeper.flight.trigger();
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        if (!connection.graph()) {
            return;
        }
        Keeper keeper = keepers.get(connection.id());
        if (keeper != null && keeper.connection.equals(connection)) {
            keepers.remove(connection.id(), keeper);
            keeper.stop();
        }
        if (reason == StopReason.DISABLED || reason == StopReason.DELETED) {
            push.notReceiving(connection.id());
            pool.submit("removing the subscription of " + connection.id(), () -> remove(connection, ownership));
        }
    }

    /**
     * Checks a notification's subscription id and clientState against the subscriptions the ingestor made,
     * whichever instance made them, as known in memory: one made by another instance is known once the
     * subscriptions are read again (every {@code webhook.subscriptions-refresh}).
     */
    public Verification verify(String subscriptionId, String clientState, String tenantId) {
        if (subscriptionId == null) {
            return Verification.rejected(Verification.Outcome.UNKNOWN_SUBSCRIPTION);
        }
        Optional<StoredSubscription> stored = store.known(subscriptionId);
        if (stored.isEmpty()) {
            return Verification.rejected(Verification.Outcome.UNKNOWN_SUBSCRIPTION);
        }
        if (!ClientStates.matches(clientState, stored.get().clientStateHash())) {
            return Verification.rejected(Verification.Outcome.INVALID_CLIENT_STATE);
        }
        String expectedTenant = stored.get().tenantId();
        if (expectedTenant != null && !expectedTenant.equalsIgnoreCase(tenantId)) {
            return Verification.rejected(Verification.Outcome.WRONG_TENANT);
        }
        return Verification.accepted(stored.get());
    }

    /** Graph asks for a new token on the subscription; the keeper reauthorizes it (or recreates it, if gone). */
    public void reauthorizationRequired(String connectionId, String subscriptionId) {
        maintain(connectionId, subscriptionId);
    }

    /**
     * Graph removed the subscription: the connection's owner forgets it and makes a new one, and a round catches up
     * on what arrived meanwhile.
     */
    public void removed(String connectionId, String subscriptionId) {
        maintain(connectionId, REMOVED + subscriptionId);
        sync.trigger(connectionId);
    }

    /**
     * Runs the connection's subscription work now, on whichever instance runs the connection.
     *
     * @param subject a subscription to reauthorize, or {@link #REMOVED} and one Graph removed; null for neither
     */
    private void maintain(String connectionId, String subject) {
        if (!maintainHere(connectionId, subject)) {
            signals.post(connectionId, SIGNAL, subject);
        }
    }

    private boolean maintainHere(String connectionId, String subject) {
        Keeper keeper = keepers.get(connectionId);
        if (keeper == null || !keeper.ownership.held()) {
            return false;
        }
        if (subject != null && subject.startsWith(REMOVED)) {
            keeper.removed = subject.substring(REMOVED.length());
        } else if (subject != null) {
            keeper.reauthorize = subject;
        }
        keeper.flight.trigger();
        return true;
    }

    /** The connections whose keeper runs here under a lease known to be held: the signals this instance takes. */
    private Collection<String> heldHere() {
        return keepers.entrySet().stream().filter(entry -> entry.getValue().ownership.held())
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void destroy() {
        checks.cancel(false);
        reloads.cancel(false);
    }

    /** The subscription work of one connection. */
    private final class Keeper {
        final FollowedConnection connection;
        final Ownership ownership;
        final SingleFlight flight;
        final Gauge expiry;
        volatile String reauthorize;
        volatile String removed;
        boolean verified;
        /** Whether this owner stamped the stored subscription with its epoch. */
        boolean claimed;

        Keeper(FollowedConnection connection, Ownership ownership) {
            this.connection = connection;
            this.ownership = ownership;
            this.flight = new SingleFlight("subscription of " + connection.id(), pool.executor(),
                    this::maintainWhileOwner);
            this.expiry = Gauge.builder("mailtrail.subscription.expiry", this, Keeper::secondsLeft)
                    .description("Seconds until the connection's Graph subscription expires (0 when it has none)")
                    .baseUnit("seconds")
                    .tag("connection", connection.id())
                    .register(registry);
        }

        void stop() {
            flight.stop();
            registry.remove(expiry);
        }

        double secondsLeft() {
            return push.expiration(connection.id())
                    .map(until -> Math.max(0, Duration.between(clock.instant(), until).toMillis() / 1000.0))
                    .orElse(0.0);
        }

        void maintainWhileOwner() {
            try {
                maintain();
            } catch (StaleOwnerException e) {
                log.warn("subscription work of connection {} stopped: {}", connection.id(), e.getMessage());
                flight.stop();
                ownership.lost();
            }
        }

        private void maintain() {
            if (flight.isStopped()) {
                return;
            }
            if (!claimed) {
                store.claim(ownership);
                claimed = true;
            }
            MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
            Optional<StoredSubscription> current = store.forConnection(connection.id());
            String goneAtGraph = removed;
            if (current.isPresent() && current.get().subscriptionId().equals(goneAtGraph)) {
                log.info("Graph removed subscription {} of connection {}", goneAtGraph, connection.id());
                store.remove(ownership, goneAtGraph);
                push.notReceiving(connection.id());
                current = Optional.empty();
            }
            // Forgotten only once it is out of the store: a failure before leaves it for the next run.
            removed = null;
            Optional<NotificationCertificate> certificate = certificates.newest();
            StoredSubscription.Target target = target(resource(graph, certificate.isPresent()));
            if (current.isPresent() && !current.get().target().equals(target)) {
                log.info("settings of connection {} changed, replacing subscription {}", connection.id(),
                        current.get().subscriptionId());
                deleteAtGraph(graph, ownership, current.get());
                current = Optional.empty();
            }
            String toReauthorize = reauthorize;
            reauthorize = null;
            if (current.isPresent() && current.get().subscriptionId().equals(toReauthorize)) {
                current = reauthorized(graph, current.get());
            }
            if (current.isPresent() && !verified) {
                current = verifiedAtGraph(graph, current.get());
            }
            if (current.isEmpty()) {
                create(graph, target, certificate);
                return;
            }
            StoredSubscription stored = current.get();
            push.receivingUntil(connection.id(), stored.expiration());
            Optional<NotificationCertificate> rotated = certificate
                    .filter(newest -> stored.rich() && !newest.id().equalsIgnoreCase(stored.certificateId()));
            if (rotated.isPresent()) {
                log.info("subscription {} of connection {} encrypts with certificate '{}'; renewing it with '{}'",
                        stored.subscriptionId(), connection.id(), stored.certificateId(), rotated.get().id());
                renew(graph, stored, target, rotated);
            } else if (Duration.between(clock.instant(), stored.expiration()).compareTo(renewBefore(stored.rich())) <= 0) {
                renew(graph, stored, target, Optional.empty());
            }
        }

        /**
         * The source folder's messages; for a rich subscription with the {@code $select} of what a delta round reads,
         * so that a notification's mail is mapped exactly as a delta page's.
         */
        private String resource(MailboxGraph graph, boolean rich) {
            String messages = "users/" + connection.mailbox() + "/mailFolders('"
                    + folders.reference(graph, connection.sourceFolder()) + "')/messages";
            return rich ? messages + "?$select=" + String.join(",", MailMapper.SELECT) : messages;
        }

        private StoredSubscription.Target target(String resource) {
            return new StoredSubscription.Target(resource, connection.notificationUrl().toString(),
                    connection.lifecycleUrl().toString(), connection.graphBaseUrl().toString());
        }

        /** After a restart the stored subscription is looked up once: Graph may have dropped it meanwhile. */
        private Optional<StoredSubscription> verifiedAtGraph(MailboxGraph graph, StoredSubscription stored) {
            try {
                graph.call(() -> graph.client().subscriptions().bySubscriptionId(stored.subscriptionId())
                        .get(MailboxGraph.request("subscriptions.get")));
                verified = true;
                return Optional.of(stored);
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404) {
                    log.info("subscription {} of connection {} is gone at Graph", stored.subscriptionId(),
                            connection.id());
                    store.remove(ownership, stored.subscriptionId());
                    verified = true;
                    return Optional.empty();
                }
                throw e;
            }
        }

        private Optional<StoredSubscription> reauthorized(MailboxGraph graph, StoredSubscription stored) {
            ownership.check();
            try {
                graph.run(() -> graph.client().subscriptions().bySubscriptionId(stored.subscriptionId()).reauthorize()
                        .post(MailboxGraph.request("subscriptions.reauthorize")));
                log.info("reauthorized subscription {} of connection {}", stored.subscriptionId(), connection.id());
                // Notifications may have been held back until now.
                sync.trigger(connection.id());
                return Optional.of(stored);
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404) {
                    store.remove(ownership, stored.subscriptionId());
                    return Optional.empty();
                }
                throw e;
            }
        }

        private void create(MailboxGraph graph, StoredSubscription.Target target,
                Optional<NotificationCertificate> certificate) {
            String clientState = ClientStates.generate();
            OffsetDateTime requestedUntil = expirationFromNow(certificate.isPresent());
            ownership.check();
            // A new body for every attempt: the SDK's models send only what changed since they were last sent,
            // so a body sent once and retried after a 429 would go out empty.
            Subscription created = graph.call(() -> {
                Subscription requested = new Subscription();
                requested.setChangeType("created");
                requested.setResource(target.resource());
                requested.setNotificationUrl(target.notificationUrl());
                requested.setLifecycleNotificationUrl(target.lifecycleUrl());
                requested.setClientState(clientState);
                requested.setExpirationDateTime(requestedUntil);
                certificate.ifPresent(c -> {
                    requested.setIncludeResourceData(true);
                    requested.setEncryptionCertificate(c.encoded());
                    requested.setEncryptionCertificateId(c.id());
                });
                return graph.client().subscriptions().post(requested,
                        MailboxGraph.request("subscriptions.create", MailboxGraph.IMMUTABLE_IDS));
            });
            Instant now = clock.instant();
            Instant expiration = created.getExpirationDateTime() == null ? requestedUntil.toInstant()
                    : created.getExpirationDateTime().toInstant();
            StoredSubscription stored = new StoredSubscription(connection.id(), created.getId(),
                    ClientStates.hash(clientState), target, expiration, now, now, graph.tenantId().orElse(null),
                    certificate.map(NotificationCertificate::id).orElse(null));
            if (flight.isStopped()) {
                // The connection stopped while Graph made it: whatever stopped it (a deletion, a change, another
                // instance taking over) did not know of it, so it goes again rather than sending to nobody.
                log.info("connection {} stopped while its subscription was made; deleting {} again",
                        connection.id(), created.getId());
                deleteMadeHere(graph, created.getId());
                return;
            }
            try {
                store.save(ownership, stored);
            } catch (StaleOwnerException e) {
                // Another instance took the connection over while Graph made it, and knows nothing of this one.
                log.info("connection {} was taken over while its subscription was made; deleting {} again",
                        connection.id(), created.getId());
                deleteMadeHere(graph, created.getId());
                throw e;
            }
            verified = true;
            push.receivingUntil(connection.id(), expiration);
            log.info("subscribed connection {} ({}) as {} until {}{}", connection.id(), target.resource(),
                    created.getId(), expiration,
                    certificate.map(c -> ", its notifications encrypted with certificate '" + c.id() + "'").orElse(""));
            // Mail that arrived before the subscription existed has no notification: one round picks it up.
            sync.trigger(connection.id());
        }

        /** Extends the subscription and, with {@code newCertificate}, has Graph encrypt with that one from now on. */
        private void renew(MailboxGraph graph, StoredSubscription stored, StoredSubscription.Target target,
                Optional<NotificationCertificate> newCertificate) {
            OffsetDateTime requestedUntil = expirationFromNow(stored.rich());
            ownership.check();
            try {
                // A new body for every attempt, as for the creation.
                Subscription renewed = graph.call(() -> {
                    Subscription change = new Subscription();
                    change.setExpirationDateTime(requestedUntil);
                    newCertificate.ifPresent(c -> {
                        change.setEncryptionCertificate(c.encoded());
                        change.setEncryptionCertificateId(c.id());
                    });
                    return graph.client().subscriptions().bySubscriptionId(stored.subscriptionId())
                            .patch(change, MailboxGraph.request("subscriptions.update"));
                });
                Instant expiration = renewed.getExpirationDateTime() == null
                        ? requestedUntil.toInstant() : renewed.getExpirationDateTime().toInstant();
                store.save(ownership, stored.renewedUntil(expiration, clock.instant(), graph.tenantId().orElse(null),
                        newCertificate.map(NotificationCertificate::id).orElse(stored.certificateId())));
                push.receivingUntil(connection.id(), expiration);
                log.info("renewed subscription {} of connection {} until {}", stored.subscriptionId(), connection.id(),
                        expiration);
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 404) {
                    throw e;
                }
                log.info("subscription {} of connection {} expired before its renewal; subscribing again",
                        stored.subscriptionId(), connection.id());
                store.remove(ownership, stored.subscriptionId());
                push.notReceiving(connection.id());
                create(graph, target, certificates.newest());
            }
        }

        /** Deletes a subscription this keeper made and nobody else knows of; a failure leaves it to expire. */
        private void deleteMadeHere(MailboxGraph graph, String subscriptionId) {
            try {
                graph.run(() -> graph.client().subscriptions().bySubscriptionId(subscriptionId)
                        .delete(MailboxGraph.request("subscriptions.delete")));
            } catch (RuntimeException e) {
                log.warn("subscription {} of connection {} could not be deleted and is left to expire: {}",
                        subscriptionId, connection.id(), e.toString());
            }
        }

        private OffsetDateTime expirationFromNow(boolean rich) {
            // Graph takes whole seconds; the SDK would otherwise send nanoseconds.
            return OffsetDateTime.ofInstant(clock.instant().plus(rich ? settings.richLifetime() : settings.lifetime()),
                    ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        }

        private Duration renewBefore(boolean rich) {
            return rich ? settings.richRenewBefore() : settings.renewBefore();
        }
    }

    private void remove(FollowedConnection connection, Ownership ownership) {
        store.forConnection(connection.id()).ifPresent(stored -> {
            MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
            deleteAtGraph(graph, ownership, stored);
        });
    }

    private void deleteAtGraph(MailboxGraph graph, Ownership ownership, StoredSubscription stored) {
        ownership.check();
        try {
            graph.run(() -> graph.client().subscriptions().bySubscriptionId(stored.subscriptionId())
                    .delete(MailboxGraph.request("subscriptions.delete")));
            log.info("deleted subscription {} of connection {}", stored.subscriptionId(), stored.connectionId());
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                throw e;
            }
        }
        store.remove(ownership, stored.subscriptionId());
    }
}
