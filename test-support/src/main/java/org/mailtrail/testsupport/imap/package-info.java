/**
 * IMAP for tests: GreenMail (IMAP and SMTP, in the test's JVM) behind {@link org.mailtrail.testsupport.imap.ImapFaultProxy},
 * which speaks TLS to the service under test with a certificate the test trusts, and can drop connections, refuse
 * them, hide capabilities and refuse MOVE.
 */
package org.mailtrail.testsupport.imap;
