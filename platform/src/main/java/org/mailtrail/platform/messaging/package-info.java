/**
 * How contracts travel on Kafka: CloudEvents binary-mode headers, the record key, and one
 * decoding step that turns a malformed or invalid record into a {@link
 * org.mailtrail.platform.messaging.PoisonMessageException} — never retried, always dead-lettered.
 */
package org.mailtrail.platform.messaging;
