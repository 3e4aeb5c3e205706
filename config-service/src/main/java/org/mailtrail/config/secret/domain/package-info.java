/**
 * The master keyset, the cipher every stored secret goes through, secret references and their resolution, and
 * re-encryption under a new primary key. Nothing here ever puts a secret into a message or a {@code toString}.
 */
package org.mailtrail.config.secret.domain;
