/**
 * Mailbox connections: the settings of Business Central's e-mail logging setup page and more (tenant, app,
 * secret, mailbox, folders, auth mode, enabled), their revisions, and the events that tell other services.
 */
package org.mailtrail.config.connection;
