/**
 * Reads {@code mail.disposition.v1}. The results go out on {@code mail.archived.v1} through the outbox of the
 * command's stored document.
 */
package org.mailtrail.ingestor.disposition.messaging;
