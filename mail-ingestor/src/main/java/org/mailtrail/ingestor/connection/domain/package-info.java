/** A connection as the ingestor runs it, and the supervisor that starts and stops what each connection needs. */
package org.mailtrail.ingestor.connection.domain;
