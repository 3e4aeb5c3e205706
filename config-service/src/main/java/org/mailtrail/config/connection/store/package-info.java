/**
 * Connections in MongoDB, changed only when the caller's revision is still the current one, each change with the
 * records it owes Kafka in the same write.
 */
package org.mailtrail.config.connection.store;
