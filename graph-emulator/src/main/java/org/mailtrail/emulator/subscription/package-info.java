/**
 * Change-notification subscriptions on mail: creation with the validation handshake, renewal, reauthorization and
 * removal; change notifications in Graph's shape, with the message encrypted for the subscriber's certificate when
 * the subscription includes resource data, batched and retried; lifecycle notifications on demand.
 */
package org.mailtrail.emulator.subscription;
