package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.mailtrail.matcher.directory.domain.DirectoryRevision;
import org.mailtrail.matcher.directory.domain.DirectoryRevision.Status;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code directoryRevisions} collection: one document per write to the directory, numbered 1, 2, 3… across all
 * instances. The document is the reservation: a writer takes the number after the highest one by inserting it, so a
 * number is never taken without its document existing, and an instance that reads the revisions in order sees every
 * one that was taken before the last it sees.
 */
@Component
public class DirectoryRevisionStore {

    /** Writers that keep taking the same number from each other would need this many instances writing at once. */
    private static final int RESERVE_ATTEMPTS = 100;

    private final MongoTemplate mongo;

    public DirectoryRevisionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Takes the next revision number, marked as being written since {@code at}. */
    public long reserve(Instant at) {
        for (int attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
            long next = latest() + 1;
            try {
                mongo.insert(new DirectoryRevisionDocument(next, Status.WRITING, at, null));
                return next;
            } catch (DuplicateKeyException takenByAnotherWriter) {
                // Another instance reserved this number between the read and the insert: take the one after.
            }
        }
        throw new IllegalStateException("no directory revision could be reserved in " + RESERVE_ATTEMPTS
                + " attempts: every number was taken by another writer first");
    }

    /**
     * Marks a revision written.
     *
     * @return false when it was given up meanwhile: instances may have passed it before all of it was written
     */
    public boolean finish(long number, Instant at) {
        return mongo.updateFirst(writing(number), new Update().set("status", Status.DONE).set("finishedAt", at),
                DirectoryRevisionDocument.class).getMatchedCount() == 1;
    }

    /** Gives up a revision whose writer failed, so that no instance waits for it. */
    public void abandon(long number, Instant at) {
        mongo.updateFirst(writing(number), abandoned(at), DirectoryRevisionDocument.class);
    }

    /**
     * Gives up a revision reserved before {@code cutoff} and not finished since.
     *
     * @return whether it is given up now; false when its writer finished it meanwhile
     */
    public boolean abandonIfReservedBefore(long number, Instant cutoff, Instant at) {
        Query query = writing(number).addCriteria(Criteria.where("reservedAt").lt(cutoff));
        return mongo.updateFirst(query, abandoned(at), DirectoryRevisionDocument.class).getMatchedCount() == 1;
    }

    /** The revisions above {@code number}, lowest first, at most {@code limit}. */
    public List<DirectoryRevision> after(long number, int limit) {
        Query query = Query.query(Criteria.where("_id").gt(number)).with(Sort.by("_id")).limit(limit);
        return mongo.find(query, DirectoryRevisionDocument.class).stream().map(DirectoryRevisionDocument::toRevision)
                .toList();
    }

    /** The highest revision number taken; 0 before the first. */
    public long latest() {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1);
        DirectoryRevisionDocument latest = mongo.findOne(query, DirectoryRevisionDocument.class);
        return latest == null ? 0 : latest.number();
    }

    /** The lowest revision still being written, if any. */
    public OptionalLong firstUnfinished() {
        Query query = Query.query(Criteria.where("status").is(Status.WRITING)).with(Sort.by("_id")).limit(1);
        DirectoryRevisionDocument first = mongo.findOne(query, DirectoryRevisionDocument.class);
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.number());
    }

    /**
     * The highest revision below {@code below} that finished and was reserved before {@code cutoff}: what may be
     * forgotten once older than the retention.
     */
    public OptionalLong lastFinishedReservedBefore(Instant cutoff, long below) {
        Query query = Query.query(Criteria.where("_id").lt(below).and("status").ne(Status.WRITING)
                .and("reservedAt").lt(cutoff)).with(Sort.by(Sort.Direction.DESC, "_id")).limit(1);
        DirectoryRevisionDocument last = mongo.findOne(query, DirectoryRevisionDocument.class);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last.number());
    }

    /** Forgets the revisions up to {@code number}. */
    public long deleteUpTo(long number) {
        return mongo.remove(Query.query(Criteria.where("_id").lte(number)), DirectoryRevisionDocument.class)
                .getDeletedCount();
    }

    private static Query writing(long number) {
        return Query.query(Criteria.where("_id").is(number).and("status").is(Status.WRITING));
    }

    private static Update abandoned(Instant at) {
        return new Update().set("status", Status.ABANDONED).set("finishedAt", at);
    }
}
