/** Contracts about mail in the shared mailbox: what the ingestor read, what to do with it, what was done. */
package org.mailtrail.events.mail;
