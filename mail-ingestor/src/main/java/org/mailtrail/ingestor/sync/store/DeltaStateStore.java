package org.mailtrail.ingestor.sync.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.mailtrail.ingestor.sync.domain.DeltaState;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * One document per connection: the link to continue from, which is a nextLink in the middle of a round and
 * the deltaLink after it, with the mailbox and folder it belongs to.
 */
@Repository
public class DeltaStateStore {

    @Document("deltaStates")
    record DeltaStateDocument(@Id String connectionId, String mailbox, String folder, String link,
            boolean roundComplete, Instant updatedAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public DeltaStateStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Optional<DeltaState> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, DeltaStateDocument.class))
                .map(d -> new DeltaState(d.mailbox(), d.folder(), d.link(), d.roundComplete()));
    }

    public void save(String connectionId, DeltaState state) {
        mongo.save(new DeltaStateDocument(connectionId, state.mailbox(), state.folder(), state.link(),
                state.roundComplete(), clock.instant()));
    }

    public void delete(String connectionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId)), DeltaStateDocument.class);
    }
}
