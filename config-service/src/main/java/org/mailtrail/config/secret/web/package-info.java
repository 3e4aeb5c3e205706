/** The operator's view of the master keyset (key ids only) and the re-encrypt operation after a key rotation. */
package org.mailtrail.config.secret.web;
