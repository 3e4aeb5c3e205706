/** Connections in MongoDB, changed only when the caller's revision is still the current one. */
package org.mailtrail.config.connection.store;
