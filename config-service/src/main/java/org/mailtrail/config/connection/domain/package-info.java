/** A connection, its settings and revision, and the service that changes it: store, audit, publish. */
package org.mailtrail.config.connection.domain;
