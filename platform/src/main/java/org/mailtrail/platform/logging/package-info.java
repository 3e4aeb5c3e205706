/** The log format a service writes: text by default, JSON lines (with trace and span ids) when configured. */
package org.mailtrail.platform.logging;
