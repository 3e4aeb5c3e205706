package org.mailtrail.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.mailtrail.platform.messaging.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes what writers left behind: records older than the grace period, after a crash between
 * the write and the send, or an outage of the broker. Several instances of a service relay side by
 * side: each first claims a document (a conditional update on {@value #CLAIM}, which one instance
 * wins) and publishes only what it claimed, so two relays do not send the same document's records
 * at once. A claim expires, so a document claimed by an instance that died is taken over.
 *
 * <p>Looking costs a query over each collection, which a store without a usable index (a MongoDB-protocol
 * stand-in) answers by reading every document. So the relay looks every {@code relayInterval} only while there
 * may be something to find: after the service started (a crashed predecessor may have left records) and after a
 * send failed here, until a look finds nothing due; otherwise every {@code sweepInterval}, for what another
 * instance left when it stopped.
 */
public class OutboxRelay {

    /** The field a relaying instance marks a document with: {@code {owner, until}}. */
    public static final String CLAIM = "outboxClaim";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final MongoTemplate mongo;
    private final OutboxCollections collections;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final MeterRegistry meters;
    /** The outbox's count of failed sends when the relay last found nothing due; -1 until it has. */
    private long settledAt = -1;
    private Instant lastLook = Instant.EPOCH;

    public OutboxRelay(Outbox outbox, MongoTemplate mongo, OutboxCollections collections, OutboxProperties properties,
            Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.mongo = mongo;
        this.collections = collections;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * One round over every collection, in their order. A collection is taken only once every record
     * of the collections before it that is due is out (by this instance or another): a later
     * collection's record never overtakes an earlier collection's. The round stops at the first
     * record the broker does not take.
     */
    public synchronized void relay() {
        Instant now = clock.instant();
        long failures = outbox.leftBehind();
        if (failures == settledAt && lastLook.plus(properties.sweepInterval()).isAfter(now)) {
            return;
        }
        lastLook = now;
        Instant due = now.minus(properties.relayGrace());
        List<String> inOrder = collections.inOrder();
        for (int i = 0; i < inOrder.size(); i++) {
            String collection = inOrder.get(i);
            if (!relay(collection, due)) {
                return;
            }
            boolean last = i == inOrder.size() - 1;
            if (!last && mongo.exists(owedBefore(due), collection)) {
                return;
            }
        }
        // Settled once nothing is due and no send failed within the grace period, whose records are not due yet.
        Instant lastFailure = outbox.lastLeftBehindAt();
        boolean failedLately = lastFailure != null && !lastFailure.isBefore(due);
        if (!failedLately && inOrder.stream().noneMatch(collection -> mongo.exists(owedBefore(due), collection))) {
            settledAt = failures;
        }
    }

    /** Publishes what is due in one collection, a batch at most; false when the broker refused a record. */
    private boolean relay(String collection, Instant due) {
        Instant now = clock.instant();
        Query left = Query.query(owed(due).andOperator(unclaimed(now))).limit(properties.batchSize());
        left.fields().include("_id");
        for (Document candidate : mongo.find(left, Document.class, collection)) {
            Object id = candidate.get("_id");
            if (!claim(collection, id, now)) {
                continue;
            }
            try {
                outbox.publish(collection, id);
                relayed(collection).increment();
            } catch (PublishFailedException e) {
                log.warn("Outbox relay: {} {} still not published: {}", collection, id, e.getMessage());
                return false;
            } finally {
                release(collection, id);
            }
        }
        return true;
    }

    private static Query owedBefore(Instant due) {
        return Query.query(owed(due));
    }

    private static Criteria owed(Instant due) {
        return Criteria.where(Outbox.FIELD + ".writtenAt").lt(due);
    }

    private boolean claim(String collection, Object id, Instant now) {
        Query free = Query.query(Criteria.where("_id").is(id).andOperator(unclaimed(now)));
        Update claim = new Update().set(CLAIM, new Document("owner", owner).append("until", now.plus(properties.claimTtl())));
        return mongo.updateFirst(free, claim, collection).getModifiedCount() == 1;
    }

    private void release(String collection, Object id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(CLAIM + ".owner").is(owner)),
                new Update().unset(CLAIM), collection);
    }

    private static Criteria unclaimed(Instant now) {
        return new Criteria().orOperator(Criteria.where(CLAIM).exists(false), Criteria.where(CLAIM + ".until").lt(now));
    }

    private Counter relayed(String collection) {
        return Counter.builder("mailtrail.outbox.relayed")
                .description("Documents whose records the relay published after their writer could not")
                .tag("collection", collection).register(meters);
    }

    /** The collections it works through, for the record. */
    public List<String> collections() {
        return collections.inOrder();
    }
}
