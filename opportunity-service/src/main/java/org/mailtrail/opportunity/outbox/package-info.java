/**
 * The transactional outbox without transactions: an event is written into the same MongoDB document
 * as the change it reports (one atomic write), published to {@code opportunity.events.v1} right
 * after, and removed from the document only once Kafka confirmed it. A relay republishes whatever
 * a crash or an outage left behind, so no event is ever lost; a repeat carries the same eventId.
 */
package org.mailtrail.opportunity.outbox;
