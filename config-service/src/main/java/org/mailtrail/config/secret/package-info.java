/**
 * Client secrets and refresh tokens: encrypted at rest under a master keyset given to the service (Tink AEAD,
 * rotatable), or not stored at all but referenced in the environment, a mounted file or Azure Key Vault.
 */
package org.mailtrail.config.secret;
