/**
 * The matcher's own projection of the mailbox connections from {@code config.connections.v1}:
 * what to do with unmatched mail and which matching extensions each connection switched on.
 */
package org.mailtrail.matcher.connection;
