/**
 * Security for tests of the services as OAuth 2.0 resource servers: {@link org.mailtrail.testsupport.security.TestIssuer},
 * a real OIDC issuer that signs whatever token a test needs, good or bad, and
 * {@link org.mailtrail.testsupport.security.AuthorizationMatrix}, which checks every endpoint a service documents against
 * the roles allowed to call it, so that no endpoint escapes authorization.
 */
package org.mailtrail.testsupport.security;
