package org.mailtrail.opportunity.outbox;

import java.time.Instant;

/**
 * An event stored in the document whose change it reports, until Kafka has confirmed it.
 *
 * @param type the CloudEvents type, which names the contract record to read the payload as
 * @param payload the event as contract JSON
 * @param writtenAt when the change was written; the relay leaves young events to their writer
 */
public record PendingEvent(String eventId, String type, String payload, Instant writtenAt) {
}
