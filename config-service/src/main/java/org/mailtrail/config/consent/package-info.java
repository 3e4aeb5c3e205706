/**
 * DELEGATED connections: the authorization-code flow with PKCE that lets a user consent ("change the account"),
 * and the callback that stores the resulting refresh token encrypted.
 */
package org.mailtrail.config.consent;
