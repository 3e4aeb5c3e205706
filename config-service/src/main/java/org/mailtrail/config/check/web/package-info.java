/** {@code POST /api/connections/{id}/check} and {@code GET …/check}, the latest report. */
package org.mailtrail.config.check.web;
