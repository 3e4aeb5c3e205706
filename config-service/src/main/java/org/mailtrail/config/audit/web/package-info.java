/** {@code GET /api/audit}: the audit log for administrators, paged newest first. */
package org.mailtrail.config.audit.web;
