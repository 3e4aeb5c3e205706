/** The token broker with its cache, the two ways to acquire a token, and the stored delegated grants. */
package org.mailtrail.config.token.domain;
