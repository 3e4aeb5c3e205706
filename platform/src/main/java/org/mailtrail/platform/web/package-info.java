/**
 * What every service's HTTP API shares: RFC 9457 problem details that name the field and why,
 * and opaque cursors for paging newest first.
 */
package org.mailtrail.platform.web;
