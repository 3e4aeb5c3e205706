/** The per-connection sync workers, one delta round, and the mapping of a Graph message to {@code MailReceived}. */
package org.mailtrail.ingestor.sync.domain;
