/**
 * The mailbox connections an administrator runs: their state and last check, switching them on and off, tokens and
 * consent, their settings, and deleting them.
 */
package org.mailtrail.console.connection;
