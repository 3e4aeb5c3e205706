package org.mailtrail.matcher.directory.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import org.mailtrail.matcher.directory.store.DirectoryRevisionStore;
import org.mailtrail.matcher.directory.store.DirectoryStore;
import org.mailtrail.platform.messaging.InfrastructureUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's address index in step with MongoDB, which every instance writes. Each write (an upsert batch
 * or a delete) takes the next directory revision, stamps it on every document it writes and marks it done; the
 * writer applies its own write to its index at once. Every other instance applies the revisions in order: it reads
 * the documents of every finished revision above the last it applied, as MongoDB holds them now, and stops at the
 * first one still being written, so it never passes a write it could only half see. Applying a revision twice
 * changes nothing. Writes and refreshes of one instance take turns, so the index ends as MongoDB ends.
 */
final class DirectorySync {

    /**
     * A revision still being written this long after it was reserved is given up: its writer is taken for dead and
     * what it wrote is applied. The longest write, an import of 100,000 rows, takes seconds. A writer that was only
     * slow finds its revision given up and stamps its documents again under a new one, which every instance reads.
     */
    static final Duration ABANDON_AFTER = Duration.ofMinutes(1);

    /** How many revisions one read takes: an instance that is far behind catches up in several. */
    private static final int REVISIONS_PER_READ = 1_000;
    private static final int RESTAMP_ATTEMPTS = 3;
    /** How long a write waits for a refresh to end; a refresh takes milliseconds while MongoDB answers. */
    private static final Duration TURN_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);

    /** What a refresh did. */
    enum Outcome {
        /** Nothing new. */
        CURRENT,
        /** Revisions of other instances were applied, all there were. */
        APPLIED,
        /** A revision still being written holds the instance back (revisions before it were applied). */
        WAITING,
        /** The revisions this instance missed were pruned, or all revisions removed: the index was rebuilt. */
        REBUILT
    }

    private final DirectoryStore store;
    private final DirectoryRevisionStore revisions;
    private final AddressIndex index;
    private final Clock clock;
    private final Lock turns = new ReentrantLock();
    /** This instance's own revisions above {@code applied}, already in the index. */
    private final NavigableSet<Long> own = new TreeSet<>();
    /** Every revision up to this one is in the index. */
    private volatile long applied;
    /** The highest revision this instance knows was taken. */
    private volatile long latest;

    DirectorySync(DirectoryStore store, DirectoryRevisionStore revisions, AddressIndex index, Clock clock) {
        this.store = store;
        this.revisions = revisions;
        this.index = index;
        this.clock = clock;
    }

    /**
     * Writes one change to MongoDB under a revision of its own, applies it to this instance's index and marks it done.
     *
     * @param toStore writes the change, stamped with the revision it is given
     * @param toIndex applies the same change to the index
     */
    void write(LongConsumer toStore, Runnable toIndex) {
        awaitTurn();
        try {
            long revision = revisions.reserve(clock.instant());
            latest = Math.max(latest, revision);
            try {
                toStore.accept(revision);
            } catch (RuntimeException e) {
                giveUp(revision, e);
                throw e;
            }
            toIndex.run();
            finish(revision);
        } finally {
            turns.unlock();
        }
    }

    /**
     * Waits a little for a refresh in progress. A refresh that takes longer is waiting for MongoDB: the write is
     * given back as an outage, so the consumer that wanted it pauses and tries again, instead of waiting inside its
     * poll for as long as MongoDB is away.
     */
    private void awaitTurn() {
        try {
            if (!turns.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InfrastructureUnavailableException("the directory is being refreshed from MongoDB, which "
                        + "does not answer; the write is tried again when it does");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureUnavailableException("interrupted while waiting to write the directory", e);
        }
    }

    /** Applies the revisions other instances finished since the last refresh. */
    Outcome refresh() {
        turns.lock();
        try {
            long newest = revisions.latest();
            if (newest < applied) {
                log.warn("The directory's revisions go up to {} only, below the {} this instance applied: they were "
                        + "removed, so the address index is rebuilt", newest, applied);
                rebuild();
                return Outcome.REBUILT;
            }
            latest = Math.max(latest, newest);
            Outcome outcome = Outcome.CURRENT;
            while (true) {
                List<DirectoryRevision> next = revisions.after(applied, REVISIONS_PER_READ);
                if (next.isEmpty()) {
                    return outcome;
                }
                if (next.get(0).number() != applied + 1) {
                    log.info("Directory revisions {} to {} were pruned before this instance applied them: the address "
                            + "index is rebuilt", applied + 1, next.get(0).number() - 1);
                    rebuild();
                    return Outcome.REBUILT;
                }
                long passable = passable(next);
                if (passable > applied) {
                    apply(passable);
                    outcome = Outcome.APPLIED;
                }
                if (passable < next.get(next.size() - 1).number()) {
                    return Outcome.WAITING;
                }
                if (next.size() < REVISIONS_PER_READ) {
                    return outcome;
                }
            }
        } finally {
            turns.unlock();
        }
    }

    /**
     * Fills the index with every contact and salesperson MongoDB holds, and removes the ones it no longer does. An
     * index in use keeps matching all the while: entries are replaced, never cleared first.
     */
    void rebuild() {
        turns.lock();
        try {
            long newest = revisions.latest();
            OptionalLong unfinished = revisions.firstUnfinished();
            // Read before the documents: every revision up to here is in MongoDB by the time they are read.
            long base = unfinished.isPresent() && unfinished.getAsLong() <= newest ? unfinished.getAsLong() - 1 : newest;
            Set<String> contactIds = new HashSet<>();
            store.forEachContactBatch(batch -> {
                index.putContacts(batch);
                batch.forEach(contact -> contactIds.add(contact.id()));
            });
            index.retainContacts(contactIds);
            Set<String> codes = new HashSet<>();
            store.forEachSalespersonBatch(batch -> {
                index.putSalespeople(batch);
                batch.forEach(salesperson -> codes.add(salesperson.code()));
            });
            index.retainSalespeople(codes);
            own.clear();
            applied = base;
            latest = newest;
        } finally {
            turns.unlock();
        }
    }

    /**
     * Forgets the revisions that finished before {@code cutoff}, and for good the contacts and salespeople they
     * deleted. The revisions go first: an instance that had not applied them then finds them missing and rebuilds
     * its index, rather than reading their changes without the deletions.
     */
    void prune(Instant cutoff) {
        long newest = revisions.latest();
        OptionalLong unfinished = revisions.firstUnfinished();
        // The newest revision stays, so that numbering goes on from it.
        long below = unfinished.isPresent() ? Math.min(newest, unfinished.getAsLong()) : newest;
        OptionalLong horizon = revisions.lastFinishedReservedBefore(cutoff, below);
        if (horizon.isEmpty()) {
            return;
        }
        long forgotten = revisions.deleteUpTo(horizon.getAsLong());
        long removed = store.pruneDeleted(horizon.getAsLong());
        log.info("Pruned {} directory revisions up to {} and {} deleted contacts and salespeople", forgotten,
                horizon.getAsLong(), removed);
    }

    long applied() {
        return applied;
    }

    long latest() {
        return latest;
    }

    /**
     * Marks the revision done. When other instances gave it up meanwhile they may have read only part of it: what it
     * wrote is stamped again under a new revision, which they read in full.
     */
    private void finish(long revision) {
        long current = revision;
        for (int attempt = 1; !revisions.finish(current, clock.instant()); attempt++) {
            own.add(current);
            if (attempt > RESTAMP_ATTEMPTS) {
                throw new IllegalStateException("directory revision " + current + " was given up by other instances "
                        + RESTAMP_ATTEMPTS + " times over before it could be marked done");
            }
            long again = revisions.reserve(clock.instant());
            latest = Math.max(latest, again);
            log.warn("Directory revision {} was given up by other instances before it was done: its documents are "
                    + "stamped again as revision {}", current, again);
            try {
                store.restamp(current, again);
            } catch (RuntimeException e) {
                giveUp(again, e);
                throw e;
            }
            current = again;
        }
        own.add(current);
        advance();
    }

    /** Finished revisions at the start of {@code next}, up to the first one still being written. */
    private long passable(List<DirectoryRevision> next) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(ABANDON_AFTER);
        long upTo = applied;
        for (DirectoryRevision revision : next) {
            if (revision.number() != upTo + 1) {
                break;
            }
            if (!revision.status().finished()) {
                if (!revision.reservedAt().isBefore(cutoff)
                        || !revisions.abandonIfReservedBefore(revision.number(), cutoff, now)) {
                    break;
                }
                log.warn("Directory revision {}, reserved at {}, was never finished: its writer is taken for dead "
                        + "and what it wrote is applied", revision.number(), revision.reservedAt());
            }
            upTo = revision.number();
        }
        return upTo;
    }

    private void apply(long upTo) {
        RevisionRange range = new RevisionRange(applied, upTo, own.subSet(applied, false, upTo, true));
        if (range.skipped().size() < upTo - applied) {
            store.forEachChangedContactBatch(range, index::putContacts, index::removeContacts);
            store.forEachChangedSalespersonBatch(range, index::putSalespeople, index::removeSalespeople);
        }
        applied = upTo;
        own.headSet(upTo, true).clear();
        advance();
    }

    /** Counts this instance's own revisions as applied as soon as every one before them is. */
    private void advance() {
        while (own.remove(applied + 1)) {
            applied++;
        }
    }

    /** Tells other instances not to wait for a revision whose writer failed; what it wrote stands. */
    private void giveUp(long revision, RuntimeException failure) {
        try {
            revisions.abandon(revision, clock.instant());
        } catch (RuntimeException e) {
            // Then other instances give it up after ABANDON_AFTER.
            failure.addSuppressed(e);
        }
    }
}
