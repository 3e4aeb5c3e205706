/**
 * The issuer's rules: which clients and people exist (read strictly from their files), what their tokens say, and
 * which signing key signs and which are published while they rotate.
 */
package org.mailtrail.config.issuer.domain;
