package org.mailtrail.ingestor.imap.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits after failures in a row that double from {@code first} up to {@code longest}, each drawn at random so that
 * many connections that failed together (a server restarting, refusing with {@code NO} or {@code BYE}) do not come
 * back together.
 */
record Backoff(Duration first, Duration longest) {

    /** The bound of the wait after that many failures in a row (at least one). */
    Duration bound(int failures) {
        long doubled = first.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(longest.toMillis(), doubled));
    }

    /** Anywhere below the bound ("full jitter"): for making a connection again, where waiting at all is the point. */
    Duration anywhereBelow(int failures) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound(failures).toMillis() + 1));
    }

    /** In the upper half of the bound: for trying work again, which should not come back at once. */
    Duration inUpperHalf(int failures) {
        long bound = bound(failures).toMillis();
        return Duration.ofMillis(bound - ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }
}
