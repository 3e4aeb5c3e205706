package org.mailtrail.ingestor.disposition.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.ingestor.disposition.domain.PendingDisposition;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Commands keyed by their event id. The unique id is what makes the consumer idempotent: a redelivered command
 * finds itself already there, pending or done, and is not carried out twice. A command's result event is kept in
 * its document's outbox until the broker confirmed it.
 */
@Repository
public class DispositionStore {

    public static final String COLLECTION = "dispositions";

    enum Status {
        PENDING, DONE
    }

    @Document(COLLECTION)
    @CompoundIndex(name = "due", def = "{'connectionId': 1, 'status': 1, 'receivedAt': 1}")
    record DispositionDocument(@Id String commandId, String connectionId, String internetMessageId, String immutableId,
            Disposition requested, String reason, Status status, String fallbackReason, int attempts,
            Instant notBefore, Instant receivedAt, Instant completedAt, String outcome, List<OutboxEntry> outbox) {

        /** A command as it arrives: pending, not tried yet, owing nothing. */
        static DispositionDocument received(MailDispositionRequested command, Instant at) {
            return new DispositionDocument(command.eventId().toString(), command.connectionId(),
                    command.internetMessageId(), command.immutableId(), command.disposition(), command.reason(),
                    Status.PENDING, null, 0, null, at, null, null, List.of());
        }

        PendingDisposition toDomain() {
            return new PendingDisposition(commandId, connectionId, internetMessageId, immutableId, requested, reason,
                    fallbackReason, attempts, notBefore, receivedAt);
        }
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public DispositionStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Keeps a new command; false when it was received before. */
    public boolean add(MailDispositionRequested command) {
        try {
            mongo.insert(DispositionDocument.received(command, clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The connection's oldest pending commands that may be tried now. */
    public List<PendingDisposition> due(String connectionId, int limit) {
        Instant now = clock.instant();
        Query query = Query.query(Criteria.where("connectionId").is(connectionId).and("status").is(Status.PENDING)
                .orOperator(Criteria.where("notBefore").is(null), Criteria.where("notBefore").lte(now)))
                .with(Sort.by("receivedAt", "_id")).limit(limit);
        return mongo.find(query, DispositionDocument.class).stream().map(DispositionDocument::toDomain).toList();
    }

    /** When the connection's next pending command that waits on a {@code notBefore} may be tried. */
    public Optional<Instant> nextNotBefore(String connectionId) {
        Query query = Query.query(Criteria.where("connectionId").is(connectionId).and("status").is(Status.PENDING)
                .and("notBefore").gt(clock.instant())).with(Sort.by("notBefore")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, DispositionDocument.class)).map(DispositionDocument::notBefore);
    }

    public void retryLater(String commandId, int attempts, Instant notBefore) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(commandId)),
                new Update().set("attempts", attempts).set("notBefore", notBefore), DispositionDocument.class);
    }

    public void fallBackToDelete(String commandId, String reason) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(commandId)),
                new Update().set("fallbackReason", reason).set("attempts", 0).unset("notBefore"),
                DispositionDocument.class);
    }

    /**
     * Marks a pending command done and keeps the result subscribers are owed, in one write: a crash before it
     * leaves the command pending (it is carried out again), a crash after it leaves the result to the outbox relay.
     * Found by its id alone, like every write here: only the connection's one worker settles its commands, and a
     * filter beyond the id makes a store without secondary indexes read every command.
     */
    public void done(String commandId, String outcome, OutboxEntry result) {
        Update done = new Update().set("status", Status.DONE).set("completedAt", clock.instant())
                .set("outcome", outcome);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(commandId)), Outbox.append(done, result),
                DispositionDocument.class);
    }
}
