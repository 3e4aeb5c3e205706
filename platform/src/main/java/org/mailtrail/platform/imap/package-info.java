/** Reaching IMAP servers: encrypted, certificate-checked connections signed in by password or XOAUTH2. */
package org.mailtrail.platform.imap;
