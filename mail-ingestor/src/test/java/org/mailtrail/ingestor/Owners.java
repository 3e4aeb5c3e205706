package org.mailtrail.ingestor;

import java.time.Clock;
import java.time.Instant;

import org.mailtrail.ingestor.connection.domain.Ownership;

/** Leases as an instance would hold them, for tests that write a connection's state as its owner would. */
final class Owners {

    private Owners() {
    }

    /** The lease of a connection at {@code epoch}, known to be held for as long as the test runs. */
    static Ownership at(String connectionId, long epoch) {
        return new Ownership(connectionId, epoch, Instant.MAX, Clock.systemUTC(), lost -> {
        });
    }
}
