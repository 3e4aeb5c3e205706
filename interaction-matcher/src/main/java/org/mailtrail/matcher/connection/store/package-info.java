/**
 * Connection policies in MongoDB, where no revision replaces a newer one; {@code connection.domain} keeps them in
 * memory.
 */
package org.mailtrail.matcher.connection.store;
