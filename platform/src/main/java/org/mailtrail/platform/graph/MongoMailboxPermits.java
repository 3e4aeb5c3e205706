package org.mailtrail.platform.graph;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
 * The permits as documents of one collection in a database every Graph-calling service reaches:
 * {@code <mailbox>#<n>} for n below {@link #perMailbox()}, each free or held by one request until a lease ends.
 * A permit is taken with one conditional upsert (free or expired: taken; held: the upsert collides with the
 * existing id and is refused), so no two holders ever share one, and given back by its holder only. A process
 * that dies holding permits loses them when their lease ends, which is longer than any request may take.
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
            List<String> taken = new ArrayList<>(wanted);
            Instant now = clock.instant();
            try {
                for (int n = 0; n < perMailbox && taken.size() < wanted; n++) {
                    String id = address + "#" + n;
                    if (take(id, address, holder, now)) {
                        taken.add(id);
                    }
                }
            } catch (RuntimeException e) {
                // The store failed part way: what was taken goes back if it can, else its lease frees it.
                try {
                    release(taken, holder);
                } catch (RuntimeException alsoDown) {
                    e.addSuppressed(alsoDown);
                }
                throw e;
            }
            if (taken.size() == wanted) {
                return new MongoHeld(taken, holder);
            }
            release(taken, holder);
            // Randomised, and longer while the mailbox stays busy, so callers that collided do not again.
            long cap = PAUSE_MILLIS << Math.min(look, 4);
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS + ThreadLocalRandom.current().nextLong(cap));
        }
    }

    private boolean take(String id, String mailbox, String holder, Instant now) {
        try {
            permits.updateOne(and(eq("_id", id), or(eq("holder", null), lt("until", Date.from(now)))),
                    combine(set("mailbox", mailbox), set("holder", holder), set("until", Date.from(now.plus(lease)))),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private void release(List<String> ids, String holder) {
        for (String id : ids) {
            permits.updateOne(and(eq("_id", id), eq("holder", holder)), combine(unset("holder"), unset("until")));
        }
    }

    private final class MongoHeld implements Held {
        private final List<String> ids;
        private final String holder;

        MongoHeld(List<String> ids, String holder) {
            this.ids = ids;
            this.holder = holder;
        }

        @Override
        public int count() {
            return ids.size();
        }

        @Override
        public void close() {
            release(ids, holder);
        }
    }
}
