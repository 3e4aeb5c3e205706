/**
 * Every service is an OAuth 2.0 resource server of one trusted issuer: a bearer JWT with that issuer, one of the
 * service's audiences and an unexpired lifetime, its roles in one claim. Each service says which role may call
 * which of its endpoints; anything it does not name is refused. Services call each other with client-credentials
 * tokens of the same issuer.
 */
package org.mailtrail.platform.security;
