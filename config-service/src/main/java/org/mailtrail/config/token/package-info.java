/**
 * Graph access tokens for other services, so that no other service ever sees a client secret: client
 * credentials through azure-identity (APPLICATION), the stored refresh token (DELEGATED), cached per connection
 * until shortly before expiry.
 */
package org.mailtrail.config.token;
