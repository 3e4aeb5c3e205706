package org.mailtrail.ingestor.subscription.store;

import java.time.Instant;
import java.util.Optional;

import org.mailtrail.ingestor.subscription.domain.StoredSubscription;
import org.mailtrail.ingestor.subscription.domain.StoredSubscription.Target;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** One document per connection with a subscription; Graph's subscription id is unique across them. */
@Repository
public class SubscriptionStore {

    @Document("subscriptions")
    record SubscriptionDocument(@Id String connectionId, @Indexed(unique = true) String subscriptionId,
            String clientStateHash, String resource, String notificationUrl, String lifecycleUrl, String graphBaseUrl,
            Instant expiration, Instant createdAt, Instant renewedAt, String tenantId) {

        static SubscriptionDocument of(StoredSubscription s) {
            Target target = s.target();
            return new SubscriptionDocument(s.connectionId(), s.subscriptionId(), s.clientStateHash(),
                    target.resource(), target.notificationUrl(), target.lifecycleUrl(), target.graphBaseUrl(),
                    s.expiration(), s.createdAt(), s.renewedAt(), s.tenantId());
        }

        StoredSubscription toDomain() {
            return new StoredSubscription(connectionId, subscriptionId, clientStateHash,
                    new Target(resource, notificationUrl, lifecycleUrl, graphBaseUrl), expiration, createdAt,
                    renewedAt, tenantId);
        }
    }

    private final MongoTemplate mongo;

    public SubscriptionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<StoredSubscription> forConnection(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, SubscriptionDocument.class))
                .map(SubscriptionDocument::toDomain);
    }

    public Optional<StoredSubscription> bySubscriptionId(String subscriptionId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("subscriptionId").is(subscriptionId)),
                SubscriptionDocument.class)).map(SubscriptionDocument::toDomain);
    }

    public void save(StoredSubscription subscription) {
        mongo.save(SubscriptionDocument.of(subscription));
    }

    /** Removes the connection's subscription if it is still the one named; a newer one stays. */
    public void remove(String connectionId, String subscriptionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId).and("subscriptionId").is(subscriptionId)),
                SubscriptionDocument.class);
    }
}
