/** Publishes {@code MailReceived} synchronously: a page counts as done only once Kafka has every record of it. */
package org.mailtrail.ingestor.sync.messaging;
