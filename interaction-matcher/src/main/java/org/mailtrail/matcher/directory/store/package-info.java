/**
 * Contacts and salespeople in MongoDB, written in unordered bulk batches under a directory revision and streamed
 * back at start and by revision; the revisions themselves, one document per write.
 */
package org.mailtrail.matcher.directory.store;
