/**
 * Mailboxes as Graph shows them: folders, messages with regular ids that change on every move and immutable ids
 * that do not, per-folder delta with server-side sync state, and the mailFolders/messages endpoints.
 */
package org.mailtrail.emulator.mailbox;
