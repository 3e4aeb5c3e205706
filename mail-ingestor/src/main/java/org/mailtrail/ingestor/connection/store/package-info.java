/**
 * The latest revision of every connection, as received, so that the ingestor restarts with them; the lease that
 * says which instance runs each connection; the signals waiting for that instance.
 */
package org.mailtrail.ingestor.connection.store;
