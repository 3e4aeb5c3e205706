/** Contacts and salespeople in MongoDB, written in unordered bulk batches and streamed back at start. */
package org.mailtrail.matcher.directory.store;
