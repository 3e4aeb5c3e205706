package org.mailtrail.ingestor.disposition.store;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.store.FencedWrites;
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
 * Commands keyed by their event id, in two collections. {@code dispositions} is the record of every command ever
 * received, pending or done: its unique id is what makes the consumer idempotent (a redelivered command finds
 * itself already there and is not carried out twice), and a command's result event is kept in its document's
 * outbox until the broker confirmed it. {@code pendingDispositions} holds only the commands not carried out yet,
 * with their attempts: what a worker looks for is read there, so finding what is due costs the same after a
 * million mails as after ten, also on a store that has no secondary indexes.
 *
 * <p>The record is written first and the pending copy second; a command is marked done first and its pending
 * copy removed second. A crash between the two writes leaves a pending copy of a done command (skipped and removed
 * when found) or a record without its pending copy (made again when the command is redelivered, which it is,
 * since its offset was not committed, or when the ingestor starts).
 *
 * <p>A command is received by whichever instance consumes it, but carried out only by the connection's owner: each
 * write after the command's arrival is fenced by the owner's lease epoch ({@link FencedWrites}). A new owner
 * claims the connection's pending copies when it starts, so the instance it took over from has its next write of
 * any of them refused; a record carries the epoch of the owner that settled it.
 */
@Repository
public class DispositionStore {

    public static final String COLLECTION = "dispositions";
    static final String PENDING_COLLECTION = "pendingDispositions";

    enum Status {
        PENDING, DONE
    }

    /**
     * {@code folder} and {@code currentFolder} are absent from a command of a version before hold folders;
     * {@code epoch} (the lease epoch of the owner that settled it) from a command not settled yet.
     */
    @Document(COLLECTION)
    record DispositionDocument(@Id String commandId, String connectionId, String internetMessageId, String immutableId,
            Disposition requested, String reason, String folder, String currentFolder, Status status,
            Instant receivedAt, Instant completedAt, String outcome, List<OutboxEntry> outbox, Long epoch) {

        /** A command as it arrives: pending, owing nothing. */
        static DispositionDocument received(MailDispositionRequested command, Instant at) {
            return new DispositionDocument(command.eventId().toString(), command.connectionId(),
                    command.internetMessageId(), command.immutableId(), command.disposition(), command.reason(),
                    command.folder(), command.currentFolder(), Status.PENDING, at, null, null, List.of(), null);
        }

        PendingDocument pending() {
            return new PendingDocument(commandId, connectionId, internetMessageId, immutableId, requested, reason,
                    folder, currentFolder, null, 0, null, receivedAt, null);
        }
    }

    /** {@code epoch}: the lease epoch of the owner that last wrote or claimed it; absent until one did. */
    @Document(PENDING_COLLECTION)
    @CompoundIndex(name = "due", def = "{'connectionId': 1, 'receivedAt': 1}")
    record PendingDocument(@Id String commandId, String connectionId, String internetMessageId, String immutableId,
            Disposition requested, String reason, String folder, String currentFolder, String fallbackReason,
            int attempts, Instant notBefore, Instant receivedAt, Long epoch) {

        PendingDisposition toDomain() {
            return new PendingDisposition(commandId, connectionId, internetMessageId, immutableId, requested, reason,
                    folder, currentFolder, fallbackReason, attempts, notBefore, receivedAt);
        }
    }

    private final MongoTemplate mongo;
    private final FencedWrites fenced;
    private final Clock clock;

    public DispositionStore(MongoTemplate mongo, FencedWrites fenced, Clock clock) {
        this.mongo = mongo;
        this.fenced = fenced;
        this.clock = clock;
    }

    /**
     * Keeps a new command; false when it was received before and is done, or pending already. A command whose
     * record was written but whose pending copy was not (a crash between) is pending again.
     */
    public boolean add(MailDispositionRequested command) {
        DispositionDocument record = DispositionDocument.received(command, clock.instant());
        try {
            mongo.insert(record);
        } catch (DuplicateKeyException e) {
            DispositionDocument stored = mongo.findById(record.commandId(), DispositionDocument.class);
            return stored != null && stored.status() == Status.PENDING && insertPending(stored.pending());
        }
        insertPending(record.pending());
        return true;
    }

    /**
     * Makes the pending copy of every pending command that has none, e.g. after a crash between the two writes
     * of {@link #add}, or of commands received by a version that kept them in one collection. Reads every record:
     * for when the ingestor starts, not for a hot path.
     */
    public int restorePending() {
        int restored = 0;
        for (DispositionDocument record : mongo.find(Query.query(Criteria.where("status").is(Status.PENDING)),
                DispositionDocument.class)) {
            if (insertPending(record.pending())) {
                restored++;
            }
        }
        return restored;
    }

    /** Stamps the connection's pending commands with the new owner's epoch before it carries any out. */
    public void claimPending(Ownership owner) {
        fenced.claim(Criteria.where("connectionId").is(owner.connectionId()), PendingDocument.class, owner);
    }

    /** The connection's oldest pending commands that may be tried now. */
    public List<PendingDisposition> due(Ownership owner, int limit) {
        Instant now = clock.instant();
        Query query = Query.query(Criteria.where("connectionId").is(owner.connectionId())
                .orOperator(Criteria.where("notBefore").is(null), Criteria.where("notBefore").lte(now)))
                .with(Sort.by("receivedAt", "_id")).limit(limit);
        List<PendingDocument> pending = mongo.find(query, PendingDocument.class);
        Set<String> done = doneAmong(pending.stream().map(PendingDocument::commandId).toList());
        done.forEach(commandId -> removePending(owner, commandId));
        return pending.stream().filter(p -> !done.contains(p.commandId())).map(PendingDocument::toDomain).toList();
    }

    /** When the oldest command not carried out yet arrived, of any connection; empty when none is pending. */
    public Optional<Instant> oldestPending() {
        Query query = new Query().with(Sort.by("receivedAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, PendingDocument.class)).map(PendingDocument::receivedAt);
    }

    /** When the connection's next pending command that waits on a {@code notBefore} may be tried. */
    public Optional<Instant> nextNotBefore(String connectionId) {
        Query query = Query.query(Criteria.where("connectionId").is(connectionId).and("notBefore")
                .gt(clock.instant())).with(Sort.by("notBefore")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, PendingDocument.class)).map(PendingDocument::notBefore);
    }

    public void retryLater(Ownership owner, String commandId, int attempts, Instant notBefore) {
        fenced.update(byId(commandId), new Update().set("attempts", attempts).set("notBefore", notBefore),
                PendingDocument.class, owner);
    }

    public void fallBackToDelete(Ownership owner, String commandId, String reason) {
        fenced.update(byId(commandId), new Update().set("fallbackReason", reason).set("attempts", 0).unset("notBefore"),
                PendingDocument.class, owner);
    }

    /**
     * Marks a command done and keeps the result subscribers are owed, in one write, then forgets its pending copy:
     * a crash before the first write leaves the command pending (it is carried out again), a crash after it leaves
     * the result to the outbox relay. Found by its id (and its epoch) alone, like every write here: only the
     * connection's owner settles its commands, and a filter on another field makes a store without secondary
     * indexes read every command. Refused when the record was settled under a newer epoch; when only the pending
     * copy was claimed by a newer owner, the record keeps what was done (the mail did move) and the removal of the
     * copy is refused, which stops this owner, and the new one finds the command done and drops the copy.
     */
    public void done(Ownership owner, String commandId, String outcome, OutboxEntry result) {
        Update done = new Update().set("status", Status.DONE).set("completedAt", clock.instant())
                .set("outcome", outcome);
        fenced.update(byId(commandId), Outbox.append(done, result), DispositionDocument.class, owner);
        removePending(owner, commandId);
    }

    /** Which of these commands are done: read by id, which every store answers from its primary index. */
    private Set<String> doneAmong(List<String> commandIds) {
        if (commandIds.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(Criteria.where("_id").in(commandIds));
        query.fields().include("status");
        Set<String> done = new HashSet<>();
        mongo.find(query, org.bson.Document.class, COLLECTION).stream()
                .filter(d -> Status.DONE.name().equals(d.getString("status")))
                .forEach(d -> done.add(d.getString("_id")));
        return done;
    }

    private boolean insertPending(PendingDocument pending) {
        try {
            mongo.insert(pending);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void removePending(Ownership owner, String commandId) {
        fenced.remove(byId(commandId), PendingDocument.class, owner);
    }

    private static Criteria byId(String commandId) {
        return Criteria.where("_id").is(commandId);
    }
}
