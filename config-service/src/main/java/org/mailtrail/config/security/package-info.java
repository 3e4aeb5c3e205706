/**
 * Who may call what: the admin API ({@code /api/**}) needs a JWT with the admin role, the internal API
 * ({@code /internal/**}) one with the internal role. Without a configured issuer the service signs its own tokens
 * for the local run and prints one admin token at start.
 */
package org.mailtrail.config.security;
