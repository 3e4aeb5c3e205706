/** {@code GET /internal/messages/{connectionId}/{immutableId}/link}. */
package org.mailtrail.ingestor.link.web;
