package org.mailtrail.ingestor.sync.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.store.FencedWrites;
import org.mailtrail.ingestor.sync.domain.DeltaState;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/**
 * One document per connection: the link to continue from, which is a nextLink in the middle of a round and
 * the deltaLink after it, with the mailbox and folder it belongs to. Written only by the connection's owner, under
 * its lease's epoch ({@link FencedWrites}).
 */
@Repository
public class DeltaStateStore {

    /** {@code epoch}: the lease epoch it was written under; absent from a state written before fencing. */
    @Document("deltaStates")
    record DeltaStateDocument(@Id String connectionId, String mailbox, String folder, String link,
            boolean roundComplete, Instant updatedAt, Long epoch) {
    }

    private final MongoTemplate mongo;
    private final FencedWrites fenced;
    private final Clock clock;

    public DeltaStateStore(MongoTemplate mongo, FencedWrites fenced, Clock clock) {
        this.mongo = mongo;
        this.fenced = fenced;
        this.clock = clock;
    }

    public Optional<DeltaState> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, DeltaStateDocument.class))
                .map(d -> new DeltaState(d.mailbox(), d.folder(), d.link(), d.roundComplete()));
    }

    /** Stamps the state with the new owner's epoch before its first round. */
    public void claim(Ownership owner) {
        fenced.claim(byId(owner), DeltaStateDocument.class, owner);
    }

    public void save(Ownership owner, DeltaState state) {
        fenced.replace(byId(owner), new DeltaStateDocument(owner.connectionId(), state.mailbox(), state.folder(),
                state.link(), state.roundComplete(), clock.instant(), owner.epoch()), owner);
    }

    public void delete(Ownership owner) {
        fenced.remove(byId(owner), DeltaStateDocument.class, owner);
    }

    private static Criteria byId(Ownership owner) {
        return Criteria.where("_id").is(owner.connectionId());
    }
}
