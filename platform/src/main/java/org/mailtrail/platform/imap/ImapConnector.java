package org.mailtrail.platform.imap;

import java.util.Properties;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.platform.tls.ExtraTrust;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

/**
 * Opens IMAP connections the one way every service opens them: always encrypted (TLS from the first byte, or
 * STARTTLS that must succeed before anything else is said), the server's certificate checked against the JVM's CAs
 * plus the configured trust store and its name against the host, bounded connect and read times, and signed in by
 * password (PLAIN or LOGIN) or by SASL XOAUTH2 with an access token.
 */
public class ImapConnector {

    private final ExtraTrust trust;
    private final ImapProperties properties;

    public ImapConnector(ImapProperties properties) {
        this.properties = properties;
        this.trust = new ExtraTrust(properties.hasTrustStore() ? properties.trustStore() : null,
                properties.trustStorePassword(), properties.trustStoreType(), "IMAP");
    }

    /** The trust the connections are made with, for checks that look at a server's certificate themselves. */
    public ExtraTrust trust() {
        return trust;
    }

    /** A session for the server: not connected yet; {@link #connect} signs in. */
    public Session session(ImapSettings settings) {
        String protocol = protocol(settings);
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put(prefix + "host", settings.host());
        props.put(prefix + "port", Integer.toString(settings.port()));
        props.put(prefix + "connectiontimeout", Long.toString(properties.connectTimeout().toMillis()));
        props.put(prefix + "timeout", Long.toString(properties.readTimeout().toMillis()));
        props.put(prefix + "writetimeout", Long.toString(properties.readTimeout().toMillis()));
        props.put(prefix + "ssl.socketFactory", trust.socketFactory());
        props.put(prefix + "ssl.checkserveridentity", "true");
        if (settings.security() == ImapSecurity.STARTTLS) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        } else {
            props.put(prefix + "ssl.enable", "true");
        }
        if (settings.auth() == ImapAuth.XOAUTH2) {
            props.put(prefix + "auth.mechanisms", "XOAUTH2");
        } else {
            props.put(prefix + "auth.mechanisms", "PLAIN LOGIN");
        }
        return Session.getInstance(props);
    }

    /** A connected, signed-in store; the caller closes it. */
    public IMAPStore connect(ImapSettings settings, ImapCredential credential) throws MessagingException {
        IMAPStore store = (IMAPStore) session(settings).getStore(protocol(settings));
        store.connect(settings.host(), settings.port(), credential.username(), credential.secret());
        return store;
    }

    private static String protocol(ImapSettings settings) {
        return settings.security() == ImapSecurity.TLS ? "imaps" : "imap";
    }
}
