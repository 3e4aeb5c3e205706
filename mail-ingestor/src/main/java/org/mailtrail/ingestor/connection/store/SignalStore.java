package org.mailtrail.ingestor.connection.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.mailtrail.ingestor.connection.domain.ConnectionSignal;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * What one instance received for a connection another instance runs, until that instance picks it up. A signal is
 * small: its {@code item}, when it has one, is a rich notification's encrypted mail, which the posting side bounds.
 */
@Repository
public class SignalStore {

    @Document("signals")
    record SignalDocument(@Id String id, String connectionId, String kind, String subject, String item,
            String traceparent, Instant postedAt) {
    }

    private final MongoTemplate mongo;

    public SignalStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void post(ConnectionSignal signal, Instant at) {
        mongo.insert(new SignalDocument(null, signal.connectionId(), signal.kind(), signal.subject(), signal.item(),
                signal.traceparent(), at));
    }

    /** Removes and answers the signals of a kind for the given connections. */
    public List<ConnectionSignal> take(String kind, Collection<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("kind").is(kind).and("connectionId").in(connectionIds));
        return mongo.findAllAndRemove(query, SignalDocument.class).stream()
                .map(d -> new ConnectionSignal(d.connectionId(), d.kind(), d.subject(), d.item(), d.traceparent()))
                .toList();
    }

    /** Forgets signals nobody picked up, e.g. for a connection no instance runs any more. */
    public void forgetOlderThan(Instant at) {
        mongo.remove(Query.query(Criteria.where("postedAt").lt(at)), SignalDocument.class);
    }
}
