/** Contracts published by config-service: the mailbox connections, never with a secret. */
package org.mailtrail.events.config;
