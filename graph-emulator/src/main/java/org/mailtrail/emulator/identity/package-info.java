/**
 * The Entra side: tenants and app registrations, the token and authorize endpoints that azure-identity and MSAL
 * talk to, and the bearer-token check every Graph call goes through.
 */
package org.mailtrail.emulator.identity;
