package org.mailtrail.events.config;

/** How mailtrail signs in to an IMAP server. */
public enum ImapAuth {
    /** The mailbox account's user name and password (IMAP LOGIN), as Exchange Server takes them. */
    PASSWORD,
    /**
     * OAuth 2.0 (SASL XOAUTH2) with an access token the connection's app registration gets by client credentials,
     * as Exchange Online's IMAP takes it.
     */
    XOAUTH2
}
