/** The record of mails that went to the dead-letter topic. */
package org.mailtrail.matcher.ledger.store;
