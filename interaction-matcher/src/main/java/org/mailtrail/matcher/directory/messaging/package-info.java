/** Keeps the directory current from the CRM's compacted contact and salesperson topics, tombstones included. */
package org.mailtrail.matcher.directory.messaging;
