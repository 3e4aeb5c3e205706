package org.mailtrail.platform.graph;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;

/**
 * The permits as one document per mailbox in a database every Graph-calling service reaches:
 * {@code {_id: <mailbox>, inFlight: n, holders: {<holder>: {count, until}}}}. Taking {@code k} permits is one
 * conditional update ({@code inFlight <= perMailbox - k}: add k and the holder; the first time an upsert, and a
 * busy mailbox's upsert collides with the existing id and is refused), giving them back is one update by the
 * holder; so a request costs two small writes however many permits it takes. A process that dies holding permits
 * loses them when their lease ends: a caller that finds the mailbox busy takes expired holders out.
 */
public final class MongoMailboxPermits implements MailboxPermits {

    public static final String COLLECTION = "graphPermits";
    /** How long a caller that found too few permits free waits before it looks again, at least. */
    private static final long PAUSE_MILLIS = 10;

    private final MongoCollection<Document> permits;
    private final int perMailbox;
    private final Duration lease;
    private final Clock clock;

    public MongoMailboxPermits(MongoClient client, MailboxPermitsProperties properties, Clock clock) {
        this.permits = client.getDatabase(properties.database()).getCollection(COLLECTION);
        this.perMailbox = properties.perMailbox();
        this.lease = properties.lease();
        this.clock = clock;
    }

    @Override
    public int perMailbox() {
        return perMailbox;
    }

    @Override
    public Held acquire(String mailbox, int count) throws InterruptedException {
        String address = mailbox.toLowerCase(Locale.ROOT);
        int wanted = Math.min(Math.max(1, count), perMailbox);
        String holder = UUID.randomUUID().toString();
        for (int look = 0;; look++) {
            Instant now = clock.instant();
            if (take(address, holder, wanted, now)) {
                return new MongoHeld(address, holder, wanted);
            }
            reclaimExpired(address, now);
            // Randomised, and longer while the mailbox stays busy, so callers that collided do not again.
            long cap = PAUSE_MILLIS << Math.min(look, 4);
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS + ThreadLocalRandom.current().nextLong(cap));
        }
    }

    private boolean take(String mailbox, String holder, int count, Instant now) {
        try {
            permits.updateOne(and(eq("_id", mailbox), lte("inFlight", perMailbox - count)),
                    combine(inc("inFlight", count), set("holders." + holder,
                            new Document("count", count).append("until", Date.from(now.plus(lease))))),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Takes out the holders whose lease has ended, each in one update that only it can win. */
    private void reclaimExpired(String mailbox, Instant now) {
        Document current = permits.find(eq("_id", mailbox)).first();
        Document holders = current == null ? null : current.get("holders", Document.class);
        if (holders == null) {
            return;
        }
        for (String holder : holders.keySet()) {
            Document held = holders.get(holder, Document.class);
            Date until = held.getDate("until");
            if (until != null && until.toInstant().isBefore(now)) {
                permits.updateOne(and(eq("_id", mailbox), lt("holders." + holder + ".until", Date.from(now))),
                        combine(inc("inFlight", -held.getInteger("count", 0)), unset("holders." + holder)));
            }
        }
    }

    private void release(String mailbox, String holder, int count) {
        permits.updateOne(and(eq("_id", mailbox), exists("holders." + holder)),
                combine(inc("inFlight", -count), unset("holders." + holder)));
    }

    private final class MongoHeld implements Held {
        private final String mailbox;
        private final String holder;
        private final int count;

        MongoHeld(String mailbox, String holder, int count) {
            this.mailbox = mailbox;
            this.holder = holder;
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public void close() {
            release(mailbox, holder, count);
        }
    }
}
