/**
 * A connection's policy as far as matching is concerned, with Business Central's defaults, and the
 * service that keeps every connection's policy at hand, the same on every instance.
 */
package org.mailtrail.matcher.connection.domain;
