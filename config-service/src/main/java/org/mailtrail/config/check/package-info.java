/**
 * Business Central's "check setup": secret, token, mailbox, folders, permission to move mail and, for push,
 * whether Graph accepts the notification URL; each result with a remedy. Enabling a connection needs them to
 * pass.
 */
package org.mailtrail.config.check;
