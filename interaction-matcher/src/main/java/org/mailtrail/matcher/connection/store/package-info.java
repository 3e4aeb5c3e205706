/** Connection policies in MongoDB; {@code connection.domain} keeps them in memory. */
package org.mailtrail.matcher.connection.store;
