/**
 * The log's Kafka side: mail to match, what the ingestor did with it, opportunities created from
 * interactions; and the synchronous publisher of the log's own events.
 */
package org.mailtrail.matcher.log.messaging;
