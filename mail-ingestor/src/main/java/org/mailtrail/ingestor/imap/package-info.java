/**
 * IMAP as a source of mail beside Graph: each IMAP connection's source folder is read in UID rounds (woken by IDLE
 * and a safety-net poll), its mail published as {@code MailReceived}, its disposition commands carried out with MOVE
 * (or COPY, \Deleted and UID EXPUNGE), and a mail's content served for the console to show.
 */
package org.mailtrail.ingestor.imap;
