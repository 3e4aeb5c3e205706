/** {@code /api/issuer/keys}: the signing keys as administrators see them (never their material), and a rotation. */
package org.mailtrail.config.issuer.web;
