/** Connection settings in MongoDB, mirrored in memory so every mail reads them without a query. */
package org.mailtrail.matcher.connection.store;
