/**
 * The transactional outbox without transactions: an event is written into the same MongoDB
 * document as the change it reports (one atomic write), published right after, and removed from
 * the document only once the broker confirmed it. A relay publishes whatever a crash or an outage
 * left behind; a repeat carries the same event id. Every service publishes after a write this way.
 */
package org.mailtrail.platform.outbox;
