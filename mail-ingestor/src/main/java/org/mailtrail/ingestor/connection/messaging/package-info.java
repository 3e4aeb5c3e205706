/** Reads {@code config.connections.v1}, tombstones included. */
package org.mailtrail.ingestor.connection.messaging;
