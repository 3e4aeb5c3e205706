/** The latest check report of each connection. */
package org.mailtrail.config.check.store;
