/**
 * Signing in: OpenID Connect with the authorization code flow and PKCE against mailtrail's one issuer, and the
 * person's tokens kept by the console to call the services on their behalf.
 */
package org.mailtrail.console.signin;
