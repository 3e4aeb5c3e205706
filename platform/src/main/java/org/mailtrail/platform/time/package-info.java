/** Time: one millisecond-precision UTC {@link java.time.Clock} per service. */
package org.mailtrail.platform.time;
