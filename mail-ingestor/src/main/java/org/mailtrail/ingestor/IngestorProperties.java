package org.mailtrail.ingestor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the ingestor can be told, under {@code mailtrail.ingestor}. Defaults live in
 * {@code application.yml}, each behind an environment variable. The trust store for Graph's certificate is the
 * platform's ({@code mailtrail.graph.trust-store}).
 *
 * @param configServiceUrl where config-service's token broker answers
 * @param tokenRefreshMargin how long before its expiry a Graph access token is fetched anew
 * @param graph how Graph is called, and the limits every mailbox is held to
 * @param webhook what the webhook accepts
 * @param subscriptions how Graph subscriptions are kept alive
 * @param notifications the certificates Graph encrypts the mail of rich notifications with
 * @param sync how each connection's mailbox is read
 * @param dispositions how the matcher's dispositions are carried out
 * @param ownership how instances share the connections
 */
@ConfigurationProperties("mailtrail.ingestor")
public record IngestorProperties(
        URI configServiceUrl,
        Duration tokenRefreshMargin,
        Graph graph,
        Webhook webhook,
        Subscriptions subscriptions,
        Notifications notifications,
        Sync sync,
        Dispositions dispositions,
        Ownership ownership) {

    public IngestorProperties {
        Objects.requireNonNull(configServiceUrl, "mailtrail.ingestor.config-service-url");
        Objects.requireNonNull(tokenRefreshMargin, "mailtrail.ingestor.token-refresh-margin");
        Objects.requireNonNull(graph, "mailtrail.ingestor.graph");
        Objects.requireNonNull(webhook, "mailtrail.ingestor.webhook");
        Objects.requireNonNull(subscriptions, "mailtrail.ingestor.subscriptions");
        notifications = notifications == null ? new Notifications(null, null) : notifications;
        Objects.requireNonNull(sync, "mailtrail.ingestor.sync");
        Objects.requireNonNull(dispositions, "mailtrail.ingestor.dispositions");
        Objects.requireNonNull(ownership, "mailtrail.ingestor.ownership");
    }

    /**
     * How Graph is called, and the limits every mailbox is held to.
     *
     * @param requestTimeout the longest one Graph request may take, connecting included (the requests in flight
     *        per mailbox are the platform's {@code mailtrail.graph.mailbox-permits.per-mailbox}, shared with every
     *        other process)
     * @param requestBudget requests per mailbox within {@code budgetWindow} (Outlook allows 10,000 per 10 minutes)
     * @param budgetWindow the window {@code requestBudget} counts in
     * @param maxAttempts how often a request answered 429, 503 or 504 is sent before the caller sees the failure
     * @param calmPeriod how long a mailbox's requests go one at a time when its connection starts and after each
     *        Retry-After, so that no request is already on its way when Graph throttles another
     */
    public record Graph(Duration requestTimeout, int requestBudget, Duration budgetWindow, int maxAttempts,
            Duration calmPeriod) {

        public Graph {
            Objects.requireNonNull(requestTimeout, "mailtrail.ingestor.graph.request-timeout");
            Objects.requireNonNull(budgetWindow, "mailtrail.ingestor.graph.budget-window");
            Objects.requireNonNull(calmPeriod, "mailtrail.ingestor.graph.calm-period");
            if (requestBudget < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("Graph limits and attempts must be at least 1");
            }
        }
    }

    /**
     * What the webhook accepts.
     *
     * @param maxBodySize a notification POST larger than this is refused with 413
     * @param maxNotifications a notification POST with more notifications than this is refused with 413 (Graph
     *        puts up to a few hundred into one)
     * @param deliveriesPerSecond how many notification POSTs one source (the address the request comes from) may
     *        send per second, on average; more are answered 429 with a Retry-After
     * @param deliveryBurst how many a source may send at once before that average applies
     * @param subscriptionsRefresh how often the subscriptions every instance made are read again, the ones the
     *        notifications are checked against, in memory (this instance's own are known at once)
     */
    public record Webhook(DataSize maxBodySize, int maxNotifications, int deliveriesPerSecond, int deliveryBurst,
            Duration subscriptionsRefresh) {

        public Webhook {
            Objects.requireNonNull(maxBodySize, "mailtrail.ingestor.webhook.max-body-size");
            Objects.requireNonNull(subscriptionsRefresh, "mailtrail.ingestor.webhook.subscriptions-refresh");
            if (maxNotifications < 1 || deliveriesPerSecond < 1 || deliveryBurst < 1) {
                throw new IllegalArgumentException(
                        "webhook.max-notifications, deliveries-per-second and delivery-burst must be at least 1");
            }
        }
    }

    /**
     * How Graph subscriptions are kept alive.
     *
     * @param lifetime how far ahead a subscription's expiration is set (mail allows up to 10,080 minutes)
     * @param renewBefore a subscription is renewed once it expires within this margin
     * @param checkInterval how often subscriptions are checked for renewal, and missing ones created
     * @param richLifetime the same for a subscription whose notifications carry the mail (with a notification key
     *        store): Graph lets those live at most 1,440 minutes
     * @param richRenewBefore the renewal margin of such a subscription
     */
    public record Subscriptions(Duration lifetime, Duration renewBefore, Duration checkInterval,
            Duration richLifetime, Duration richRenewBefore) {

        /** The longest lifetime Graph gives a mail subscription that includes resource data. */
        public static final Duration MAX_RICH_LIFETIME = Duration.ofMinutes(1440);

        public Subscriptions {
            Objects.requireNonNull(lifetime, "mailtrail.ingestor.subscriptions.lifetime");
            Objects.requireNonNull(renewBefore, "mailtrail.ingestor.subscriptions.renew-before");
            Objects.requireNonNull(checkInterval, "mailtrail.ingestor.subscriptions.check-interval");
            Objects.requireNonNull(richLifetime, "mailtrail.ingestor.subscriptions.rich-lifetime");
            Objects.requireNonNull(richRenewBefore, "mailtrail.ingestor.subscriptions.rich-renew-before");
            if (!renewBefore.minus(lifetime).isNegative()) {
                throw new IllegalArgumentException("subscriptions.renew-before must be shorter than subscriptions.lifetime");
            }
            if (richLifetime.compareTo(MAX_RICH_LIFETIME) > 0) {
                throw new IllegalArgumentException("subscriptions.rich-lifetime may be at most 1440m (Graph's limit for "
                        + "mail subscriptions that include resource data), was " + richLifetime);
            }
            if (!richRenewBefore.minus(richLifetime).isNegative()) {
                throw new IllegalArgumentException(
                        "subscriptions.rich-renew-before must be shorter than subscriptions.rich-lifetime");
            }
        }
    }

    /**
     * The certificates Graph encrypts the mail of rich notifications with. Without a key store every notification is
     * basic: a trigger for a delta round.
     *
     * @param keystore a PKCS12 file whose private-key entries are the certificates, each named by its alias (the
     *        subscriptions' {@code encryptionCertificateId}); read again when it changes
     * @param keystorePassword its password, which is also its entries' password
     */
    public record Notifications(Path keystore, String keystorePassword) {

        public Notifications {
            if (keystore != null && keystore.toString().isBlank()) {
                keystore = null;
            }
            if (keystore != null && (keystorePassword == null || keystorePassword.isEmpty())) {
                throw new IllegalArgumentException("mailtrail.ingestor.notifications.keystore-password "
                        + "(MAILTRAIL_NOTIFICATION_KEYSTORE_PASSWORD) is required with a notification key store");
            }
        }

        public boolean hasKeystore() {
            return keystore != null;
        }
    }

    /**
     * How each connection's mailbox is read.
     *
     * @param pageSize messages per delta page ({@code Prefer: odata.maxpagesize})
     * @param pollIntervalWithPush the safety-net round of a connection that receives notifications
     * @param pollIntervalWithoutPush the round of a connection that runs on polling alone
     * @param retryDelay how soon a failed round is tried again
     * @param minRoundGap the least time between the starts of two rounds of one connection: the notifications that
     *        come sooner share one round at its end, so a steady trickle of mail costs a delta page per gap rather
     *        than per mail, and a mail waits at most this much longer; zero starts a round for every notification
     *        that finds none running
     */
    public record Sync(int pageSize, Duration pollIntervalWithPush, Duration pollIntervalWithoutPush,
            Duration retryDelay, Duration minRoundGap) {

        public Sync {
            Objects.requireNonNull(pollIntervalWithPush, "mailtrail.ingestor.sync.poll-interval-with-push");
            Objects.requireNonNull(pollIntervalWithoutPush, "mailtrail.ingestor.sync.poll-interval-without-push");
            Objects.requireNonNull(retryDelay, "mailtrail.ingestor.sync.retry-delay");
            Objects.requireNonNull(minRoundGap, "mailtrail.ingestor.sync.min-round-gap");
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("sync.page-size must be between 1 and 1000");
            }
            if (minRoundGap.isNegative()) {
                throw new IllegalArgumentException("sync.min-round-gap must not be negative, was " + minRoundGap);
            }
            if (minRoundGap.compareTo(pollIntervalWithPush) >= 0
                    || minRoundGap.compareTo(pollIntervalWithoutPush) >= 0) {
                throw new IllegalArgumentException("sync.min-round-gap (" + minRoundGap
                        + ") must be shorter than sync.poll-interval-with-push and sync.poll-interval-without-push");
            }
        }
    }

    /**
     * How the matcher's dispositions are carried out.
     *
     * @param batchSize commands per {@code $batch} (Graph allows 20); a parallel batch holds no more than the
     *        mailbox's concurrent requests
     * @param collectWindow how long the first waiting command waits for others to share its batch
     * @param shape how Graph runs a batch's commands: one after the other, or all at once
     * @param maxAttempts how often a command that failed with a server error, or whose batch Graph refused as a
     *        whole, is tried before it is given up
     * @param retryDelay how long a command waits after such a failure
     */
    public record Dispositions(int batchSize, Duration collectWindow, BatchShape shape, int maxAttempts,
            Duration retryDelay) {

        public Dispositions {
            Objects.requireNonNull(collectWindow, "mailtrail.ingestor.dispositions.collect-window");
            Objects.requireNonNull(retryDelay, "mailtrail.ingestor.dispositions.retry-delay");
            Objects.requireNonNull(shape, "mailtrail.ingestor.dispositions.shape");
            if (batchSize < 1 || batchSize > 20) {
                throw new IllegalArgumentException("dispositions.batch-size must be between 1 and 20");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("dispositions.max-attempts must be at least 1");
            }
        }
    }

    /**
     * The two shapes of {@code $batch} Graph accepts. {@code SEQUENTIAL}: each command depends on the one before,
     * so Graph runs them one at a time (one of the mailbox's concurrent requests) and skips the rest (424) once
     * one fails or is throttled. {@code PARALLEL}: no dependencies, Graph runs them all at once, each taking one
     * of the mailbox's concurrent requests.
     */
    public enum BatchShape {
        SEQUENTIAL, PARALLEL
    }

    /**
     * How instances share the connections: each connection runs on the one instance holding its lease.
     *
     * @param leaseTtl how long a lease holds without renewal; another instance takes the connection over after it
     * @param leaseRenewInterval how often leases are renewed, free ones taken and settings changes applied
     * @param signalPollInterval how often an instance picks up what other instances received for its connections
     *        (a notification, a disposition command)
     */
    public record Ownership(Duration leaseTtl, Duration leaseRenewInterval, Duration signalPollInterval) {

        public Ownership {
            Objects.requireNonNull(leaseTtl, "mailtrail.ingestor.ownership.lease-ttl");
            Objects.requireNonNull(leaseRenewInterval, "mailtrail.ingestor.ownership.lease-renew-interval");
            Objects.requireNonNull(signalPollInterval, "mailtrail.ingestor.ownership.signal-poll-interval");
            if (leaseRenewInterval.compareTo(leaseTtl) >= 0) {
                throw new IllegalArgumentException("ownership.lease-renew-interval must be shorter than ownership.lease-ttl");
            }
        }
    }
}
