/**
 * Delta sync: one coalescing, single-flight round at a time per connection, triggered by notifications and by a
 * safety-net timer; every page of messages is published to {@code mail.received.v1} before the link that
 * follows it is stored, so a crash repeats work and never skips it.
 */
package org.mailtrail.ingestor.sync;
