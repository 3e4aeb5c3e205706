/**
 * Moves dead letters back to the topic they failed on, once the cause is fixed: a command any service image can
 * run, as it needs only the Kafka client and the contract's topic names.
 */
package org.mailtrail.platform.redrive;
