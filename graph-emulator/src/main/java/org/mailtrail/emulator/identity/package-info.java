/**
 * The Entra side: tenants and app registrations, the token and authorize endpoints that azure-identity and MSAL
 * talk to, the bearer-token check every Graph call goes through, and the signed tokens that vouch for change
 * notifications with resource data.
 */
package org.mailtrail.emulator.identity;
