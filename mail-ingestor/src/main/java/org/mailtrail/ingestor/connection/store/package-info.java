/** The latest revision of every connection, as received, so that the ingestor restarts with them. */
package org.mailtrail.ingestor.connection.store;
