/**
 * Bulk upsert of contacts and salespeople over HTTP, as a JSON array or CSV, up to the configured
 * number of rows per request: bad rows are reported by line and reason, good rows are kept.
 */
package org.mailtrail.matcher.directory.web;
