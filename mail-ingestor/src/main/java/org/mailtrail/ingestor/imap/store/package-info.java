/** Where each IMAP connection's sync stands (fenced by the lease's epoch), and where each mail was last seen. */
package org.mailtrail.ingestor.imap.store;
