/**
 * The log's Kafka inputs: mail to match, what the ingestor did with it, opportunities created from
 * interactions. What the log publishes goes out through the platform's outbox.
 */
package org.mailtrail.matcher.interactionlog.messaging;
