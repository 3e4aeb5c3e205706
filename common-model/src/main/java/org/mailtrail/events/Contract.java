package org.mailtrail.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event and command carries. {@code eventId} is deterministic wherever the same
 * fact can be produced twice, so that consumers can drop repeats.
 */
public interface Contract {

    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The aggregate id, which is also the Kafka record key. */
    String aggregateId();
}
