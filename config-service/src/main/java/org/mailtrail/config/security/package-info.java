/**
 * Who may call what: the admin API ({@code /api/**}) needs a person with the admin role, the token broker
 * ({@code /internal/connections/{id}/token}) a service granted {@code connections.token}. The browser's return from
 * Microsoft's consent page is open: it carries the consent's one-time state.
 */
package org.mailtrail.config.security;
