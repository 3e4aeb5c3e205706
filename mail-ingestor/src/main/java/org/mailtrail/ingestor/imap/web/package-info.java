/** {@code GET /internal/messages/{connectionId}/{immutableId}/content}. */
package org.mailtrail.ingestor.imap.web;
