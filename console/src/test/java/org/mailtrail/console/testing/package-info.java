/**
 * What the console's integration tests share: the services as stub HTTP servers, and a person signed in as after
 * the issuer's sign-in.
 */
package org.mailtrail.console.testing;
