package org.mailtrail.ingestor.subscription.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.store.FencedWrites;
import org.mailtrail.ingestor.subscription.domain.StoredSubscription;
import org.mailtrail.ingestor.subscription.domain.StoredSubscription.Target;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/**
 * One document per connection with a subscription; Graph's subscription id is unique across them. Every
 * subscription is also known in memory, by its id, for checking notifications without a query each: this
 * instance's own as it writes them, every instance's as {@link #reloadKnown()} reads them again. Written only by the
 * connection's owner, under its lease's epoch ({@link FencedWrites}).
 */
@Repository
public class SubscriptionStore {

    /**
     * {@code epoch}: the lease epoch it was written under; absent from a subscription stored before fencing.
     * {@code includeResourceData} and {@code encryptionCertificateId}: whether its notifications carry the mail, and
     * the certificate Graph encrypts it with; both absent for a basic subscription.
     */
    @Document("subscriptions")
    record SubscriptionDocument(@Id String connectionId, @Indexed(unique = true) String subscriptionId,
            String clientStateHash, String resource, String notificationUrl, String lifecycleUrl, String graphBaseUrl,
            Instant expiration, Instant createdAt, Instant renewedAt, String tenantId, Long epoch,
            Boolean includeResourceData, String encryptionCertificateId) {

        static SubscriptionDocument of(StoredSubscription s, long epoch) {
            Target target = s.target();
            return new SubscriptionDocument(s.connectionId(), s.subscriptionId(), s.clientStateHash(),
                    target.resource(), target.notificationUrl(), target.lifecycleUrl(), target.graphBaseUrl(),
                    s.expiration(), s.createdAt(), s.renewedAt(), s.tenantId(), epoch, s.rich() ? true : null,
                    s.certificateId());
        }

        StoredSubscription toDomain() {
            return new StoredSubscription(connectionId, subscriptionId, clientStateHash,
                    new Target(resource, notificationUrl, lifecycleUrl, graphBaseUrl), expiration, createdAt,
                    renewedAt, tenantId, Boolean.TRUE.equals(includeResourceData) ? encryptionCertificateId : null);
        }
    }

    private final MongoTemplate mongo;
    private final FencedWrites fenced;
    /** By subscription id; replaced whole, never changed in place. */
    private volatile Map<String, StoredSubscription> known = Map.of();
    /** Writes made here, so that a reload that raced one does not put back what it replaced. */
    private long writes;

    public SubscriptionStore(MongoTemplate mongo, FencedWrites fenced) {
        this.mongo = mongo;
        this.fenced = fenced;
    }

    /** The subscription of that id as last written here or read again; no query. */
    public Optional<StoredSubscription> known(String subscriptionId) {
        return Optional.ofNullable(known.get(subscriptionId));
    }

    /**
     * Reads every subscription again, to know those other instances made, renewed or removed. A write made here
     * meanwhile wins: the next reload brings the rest.
     */
    public void reloadKnown() {
        long before;
        synchronized (this) {
            before = writes;
        }
        Map<String, StoredSubscription> all = new HashMap<>();
        mongo.findAll(SubscriptionDocument.class).forEach(d -> all.put(d.subscriptionId(), d.toDomain()));
        synchronized (this) {
            if (writes == before) {
                known = Map.copyOf(all);
            }
        }
    }

    private synchronized void remember(String connectionId, StoredSubscription subscription) {
        Map<String, StoredSubscription> next = new HashMap<>(known);
        next.values().removeIf(s -> s.connectionId().equals(connectionId));
        if (subscription != null) {
            next.put(subscription.subscriptionId(), subscription);
        }
        known = Map.copyOf(next);
        writes++;
    }

    private synchronized void forget(String connectionId, String subscriptionId) {
        StoredSubscription current = known.get(subscriptionId);
        if (current != null && current.connectionId().equals(connectionId)) {
            Map<String, StoredSubscription> next = new HashMap<>(known);
            next.remove(subscriptionId);
            known = Map.copyOf(next);
        }
        writes++;
    }

    public Optional<StoredSubscription> forConnection(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, SubscriptionDocument.class))
                .map(SubscriptionDocument::toDomain);
    }

    /** Stamps the connection's subscription with the new owner's epoch before it works on it. */
    public void claim(Ownership owner) {
        fenced.claim(Criteria.where("_id").is(owner.connectionId()), SubscriptionDocument.class, owner);
    }

    public void save(Ownership owner, StoredSubscription subscription) {
        fenced.replace(Criteria.where("_id").is(subscription.connectionId()),
                SubscriptionDocument.of(subscription, owner.epoch()), owner);
        remember(subscription.connectionId(), subscription);
    }

    /** Removes the connection's subscription if it is still the one named; a newer one stays. */
    public void remove(Ownership owner, String subscriptionId) {
        fenced.remove(Criteria.where("_id").is(owner.connectionId()).and("subscriptionId").is(subscriptionId),
                SubscriptionDocument.class, owner);
        forget(owner.connectionId(), subscriptionId);
    }
}
