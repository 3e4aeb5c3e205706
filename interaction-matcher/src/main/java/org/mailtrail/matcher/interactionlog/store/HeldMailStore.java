package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The mail held now, in {@code heldMail}: looked up by participant, by retention and by period. */
@Component
public class HeldMailStore {

    private final MongoTemplate mongo;

    public HeldMailStore(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(HeldMailDocument.class);
        indexes.createIndex(new Index().named("by_address").on("addresses", Sort.Direction.ASC));
        indexes.createIndex(new Index().named("by_domain").on("domains", Sort.Direction.ASC));
        indexes.createIndex(new Index().named("by_retention").on("heldUntil", Sort.Direction.ASC));
        indexes.createIndex(new Index().named("connection_received").on("connectionId", Sort.Direction.ASC)
                .on("receivedAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    }

    /** Keeps a held mail; a repeat changes nothing. */
    public void hold(HeldMailDocument held) {
        mongo.save(held);
    }

    public void release(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), HeldMailDocument.class);
    }

    /** Held mail with a participant at one of these addresses, or at one of these domains. */
    public List<HeldMailDocument> involving(Collection<String> addresses, Collection<String> domains) {
        Criteria criteria = new Criteria().orOperator(Criteria.where("addresses").in(addresses),
                Criteria.where("domains").in(domains));
        return mongo.find(Query.query(criteria).with(Sort.by("_id")), HeldMailDocument.class);
    }

    /** Up to {@code limit} held mails whose retention ended by {@code now}. */
    public List<HeldMailDocument> expiredBy(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("heldUntil").lte(now)).with(Sort.by("heldUntil", "_id"))
                .limit(limit), HeldMailDocument.class);
    }

    /** How many mails of the connection received in [from, to) are held. */
    public long countReceived(String connectionId, Instant from, Instant to) {
        return mongo.count(received(connectionId, from, to, null), HeldMailDocument.class);
    }

    /** Up to {@code limit} held mails of the connection received in [from, to), after {@code afterId}, by id. */
    public List<HeldMailDocument> received(String connectionId, Instant from, Instant to, String afterId, int limit) {
        return mongo.find(received(connectionId, from, to, afterId).with(Sort.by("_id")).limit(limit),
                HeldMailDocument.class);
    }

    private static Query received(String connectionId, Instant from, Instant to, String afterId) {
        Criteria criteria = Criteria.where("connectionId").is(connectionId).and("receivedAt").gte(from).lt(to);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        return Query.query(criteria);
    }
}
