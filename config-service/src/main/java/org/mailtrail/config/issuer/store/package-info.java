/**
 * The {@code issuer_keys} and {@code issuer_authorizations} collections: signing keys and authorizations, their
 * secret parts encrypted under the master keyset, tokens looked up by hash only.
 */
package org.mailtrail.config.issuer.store;
