/** Audit entries and the log that records them; only field names, never secret values. */
package org.mailtrail.config.audit.domain;
