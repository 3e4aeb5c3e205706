/**
 * mail-ingestor's internal API as the matcher calls it: the current link to a mail, which only the
 * ingestor can ask Graph for, and an IMAP mail's content, which only the ingestor can read from the mail server.
 */
package org.mailtrail.matcher.ingestor;
