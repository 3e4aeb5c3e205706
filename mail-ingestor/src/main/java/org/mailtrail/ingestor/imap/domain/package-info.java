/**
 * How an IMAP mailbox is read and changed: the identity of a mail, the bounded connections per mailbox, the sync
 * rounds with IDLE and poll, the disposition executor and the content of a mail.
 */
package org.mailtrail.ingestor.imap.domain;
