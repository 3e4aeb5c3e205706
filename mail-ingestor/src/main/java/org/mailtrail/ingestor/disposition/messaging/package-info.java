/** Reads {@code mail.disposition.v1} and publishes the results on {@code mail.archived.v1}. */
package org.mailtrail.ingestor.disposition.messaging;
