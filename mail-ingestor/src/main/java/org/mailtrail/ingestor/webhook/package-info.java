/**
 * The webhook Graph posts to: the validation handshake, change notifications and lifecycle notifications.
 * Every delivery is checked (size, JSON, subscription, clientState) and acknowledged at once; the work it asks
 * for runs afterwards on the connection's own threads.
 */
package org.mailtrail.ingestor.webhook;
