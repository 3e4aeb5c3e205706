/** {@code GET /api/connections/{id}/consent} (redirects to Entra) and {@code GET /oauth/callback} (Entra redirects back). */
package org.mailtrail.config.consent.web;
