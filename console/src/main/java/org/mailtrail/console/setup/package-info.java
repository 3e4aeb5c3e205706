/**
 * The e-mail logging setup: an administrator's steps from an app registration in Entra ID to an enabled mailbox
 * connection, with config-service's checks and their remedies in between.
 */
package org.mailtrail.console.setup;
