/**
 * {@code POST /internal/connections/{id}/token} for services with the internal role, and the administrator's
 * {@code POST /api/connections/{id}/renew-token}.
 */
package org.mailtrail.config.token.web;
