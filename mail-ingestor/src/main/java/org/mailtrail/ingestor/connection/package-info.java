/**
 * Follows the mailbox connections config-service publishes: an enabled connection is started (subscription,
 * delta sync, dispositions), a disabled or deleted one stopped, a stale revision ignored. The last state of
 * each connection is kept, so a restart picks up where the ingestor was.
 */
package org.mailtrail.ingestor.connection;
