package org.mailtrail.ingestor.imap.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.store.FencedWrites;
import org.mailtrail.ingestor.imap.domain.ImapSyncState;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/**
 * One document per IMAP connection: the UIDVALIDITY and last UID published. Written only by the connection's owner,
 * under its lease's epoch ({@link FencedWrites}), after what it covers is on the broker.
 */
@Repository
public class ImapSyncStateStore {

    @Document("imapSyncStates")
    record ImapSyncStateDocument(@Id String connectionId, String server, String folder, long uidValidity, long lastUid,
            long highestModSeq, Instant updatedAt, Long epoch) {
    }

    private final MongoTemplate mongo;
    private final FencedWrites fenced;
    private final Clock clock;

    public ImapSyncStateStore(MongoTemplate mongo, FencedWrites fenced, Clock clock) {
        this.mongo = mongo;
        this.fenced = fenced;
        this.clock = clock;
    }

    public Optional<ImapSyncState> find(String connectionId) {
        return Optional.ofNullable(mongo.findById(connectionId, ImapSyncStateDocument.class)).map(d -> new ImapSyncState(
                d.server(), d.folder(), d.uidValidity(), d.lastUid(), d.highestModSeq()));
    }

    /** Stamps the state with the new owner's epoch before its first round. */
    public void claim(Ownership owner) {
        fenced.claim(byId(owner), ImapSyncStateDocument.class, owner);
    }

    public void save(Ownership owner, ImapSyncState state) {
        fenced.replace(byId(owner), new ImapSyncStateDocument(owner.connectionId(), state.server(), state.folder(),
                state.uidValidity(), state.lastUid(), state.highestModSeq(), clock.instant(), owner.epoch()), owner);
    }

    public void delete(Ownership owner) {
        fenced.remove(byId(owner), ImapSyncStateDocument.class, owner);
    }

    private static Criteria byId(Ownership owner) {
        return Criteria.where("_id").is(owner.connectionId());
    }
}
