package org.mailtrail.events.config;

/** How an IMAP connection is protected. There is no plaintext choice: credentials never cross the wire unencrypted. */
public enum ImapSecurity {
    /** TLS from the first byte (IMAPS, port 993 by default). */
    TLS,
    /** A plain connection upgraded with STARTTLS before anything else is said (port 143 by default). */
    STARTTLS
}
