/** A connection's settings as far as matching is concerned, with Business Central's defaults. */
package org.mailtrail.matcher.connection.domain;
