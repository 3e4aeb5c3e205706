/** {@code POST /api/connections/{id}/check} and the 409 that a refused enable answers with. */
package org.mailtrail.config.check.web;
