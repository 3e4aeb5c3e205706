/**
 * Graph change-notification subscriptions, one per pushing connection: created with a secret clientState (kept
 * only as a hash), renewed before they expire, recreated when Graph removes them, reauthorized when Graph asks,
 * deleted when the connection stops. Their state is in MongoDB, so a restart reuses them instead of adding one.
 */
package org.mailtrail.ingestor.subscription;
