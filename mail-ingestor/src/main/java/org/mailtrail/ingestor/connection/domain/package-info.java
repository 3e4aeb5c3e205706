/**
 * A connection as the ingestor follows it, the supervisor that starts and stops what each connection needs on
 * the instance holding its lease, and the signals that hand work on to that instance.
 */
package org.mailtrail.ingestor.connection.domain;
