package org.mailtrail.events.config;

import java.util.Objects;

/**
 * Where and as whom an IMAP connection signs in. It never carries the password: services ask config-service for
 * the connection's credential when they sign in.
 *
 * @param port the server's port; 0 means the default of the security (993 for TLS, 143 for STARTTLS)
 * @param username the account signed in as (for XOAUTH2, the mailbox address)
 */
public record ImapSettings(String host, int port, ImapSecurity security, String username, ImapAuth auth) {

    public static final int TLS_PORT = 993;
    public static final int STARTTLS_PORT = 143;

    public ImapSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        security = security == null ? ImapSecurity.TLS : security;
        auth = auth == null ? ImapAuth.PASSWORD : auth;
        if (port <= 0) {
            port = security == ImapSecurity.TLS ? TLS_PORT : STARTTLS_PORT;
        }
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
    }
}
