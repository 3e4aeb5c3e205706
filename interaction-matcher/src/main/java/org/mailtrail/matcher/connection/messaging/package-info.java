/** Keeps the projection current from the compacted connections topic, tombstones included. */
package org.mailtrail.matcher.connection.messaging;
