/** Reads the matcher's own dead-letter topic for mail, so that a mail that could not be processed is still counted. */
package org.mailtrail.matcher.ledger.messaging;
