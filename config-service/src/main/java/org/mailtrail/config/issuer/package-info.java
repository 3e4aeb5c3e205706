/**
 * The embedded OpenID Connect issuer (Spring Authorization Server) for development runs, tests and compose: it signs
 * the tokens mailtrail's people and services present, with keys kept encrypted in MongoDB so that every replica
 * signs and publishes the same ones. Production trusts the company's identity provider instead.
 */
package org.mailtrail.config.issuer;
