package org.mailtrail.platform.outbox;

import java.time.Instant;

/**
 * A record a stored document still owes Kafka, kept in the document's {@value Outbox#FIELD} list
 * until the broker confirmed it.
 *
 * @param eventId the record's {@code ce_id}; a republication carries the same one
 * @param topic where the record goes
 * @param key the Kafka key
 * @param type the CloudEvents type, which names the contract record to read {@code payload} as;
 *        null for a tombstone
 * @param payload the contract as JSON; null for a tombstone
 * @param writtenAt when the change was written; the relay leaves younger entries to their writer
 * @param removesDocument whether the document is removed once this, its last entry, is confirmed
 *        (a deletion whose tombstone is all that was left of it)
 * @param traceparent the W3C trace context of the change that wrote the entry, which the record is published in
 *        (and carries), whoever publishes it and however late; null when the change ran outside any trace
 */
public record OutboxEntry(String eventId, String topic, String key, String type, String payload, Instant writtenAt,
        boolean removesDocument, String traceparent) {

    /** An entry written outside any trace. */
    public OutboxEntry(String eventId, String topic, String key, String type, String payload, Instant writtenAt,
            boolean removesDocument) {
        this(eventId, topic, key, type, payload, writtenAt, removesDocument, null);
    }

    public boolean isTombstone() {
        return type == null;
    }
}
