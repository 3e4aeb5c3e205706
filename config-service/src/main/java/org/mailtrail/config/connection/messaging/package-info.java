/**
 * Publishes {@code ConnectionConfigured} on {@code config.connections.v1} for every change and a tombstone for a
 * delete, and republishes what a failed send left behind.
 */
package org.mailtrail.config.connection.messaging;
