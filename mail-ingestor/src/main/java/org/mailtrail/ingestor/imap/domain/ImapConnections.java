package org.mailtrail.ingestor.imap.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.imap.ImapSourceProperties;
import org.mailtrail.platform.imap.ImapConnector;
import org.mailtrail.platform.imap.ImapCredential;
import org.mailtrail.platform.imap.ImapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

/**
 * The IMAP connections of this instance, at most {@code mailtrail.imap.max-connections-per-mailbox} to one mailbox
 * (host and account) at a time: the IDLE watcher holds one for as long as it idles, a round, a disposition batch
 * and a content request each one while they work. Each is opened through the platform's {@link ImapConnector}
 * (TLS, checked certificates, bounded times) and closed after use. A credential the server refuses is given back to
 * config-service and a fresh one tried once.
 */
@Component
public class ImapConnections {

    private static final Logger log = LoggerFactory.getLogger(ImapConnections.class);
    /** How long a caller waits for one of the mailbox's connections before giving up. */
    private static final Duration PERMIT_WAIT = Duration.ofSeconds(30);

    private final ImapConnector connector;
    private final ImapCredentialClient credentials;
    private final ImapSourceProperties settings;
    private final ImapProperties timeouts;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public ImapConnections(ImapConnector connector, ImapCredentialClient credentials, ImapSourceProperties settings,
            ImapProperties timeouts, MeterRegistry registry) {
        this.connector = connector;
        this.credentials = credentials;
        this.settings = settings;
        this.timeouts = timeouts;
        Gauge.builder("mailtrail.imap.connections.open", open, AtomicInteger::get)
                .description("IMAP connections this instance holds open").register(registry);
    }

    /** One open, signed-in connection to the mailbox, given back by {@link Lease#close()}. */
    public Lease open(FollowedConnection connection) throws MessagingException {
        return open(connection, null);
    }

    /**
     * A connection for IDLE: its read timeout outlasts an IDLE round ({@code idle-renew}), since the server says
     * nothing while no mail arrives.
     */
    public Lease openForIdle(FollowedConnection connection) throws MessagingException {
        return open(connection, settings.idleRenew().plus(timeouts.readTimeout()));
    }

    private Lease open(FollowedConnection connection, Duration readTimeout) throws MessagingException {
        ImapSettings server = connection.imap();
        Semaphore mailbox = permits.computeIfAbsent(mailboxKey(server),
                key -> new Semaphore(settings.maxConnectionsPerMailbox(), true));
        try {
            if (!mailbox.tryAcquire(PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MessagingException("all " + settings.maxConnectionsPerMailbox() + " connections to "
                        + server.username() + "@" + server.host() + " are in use");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for a connection", e);
        }
        try {
            IMAPStore store = signIn(connection, readTimeout);
            open.incrementAndGet();
            return new Lease(store, mailbox);
        } catch (MessagingException | RuntimeException e) {
            mailbox.release();
            throw e;
        }
    }

    private IMAPStore signIn(FollowedConnection connection, Duration readTimeout) throws MessagingException {
        ImapCredential credential = credentials.credential(connection.id());
        try {
            return connect(connection.imap(), credential, readTimeout);
        } catch (AuthenticationFailedException e) {
            log.info("the IMAP server of connection {} refused its {} credential; asking config-service again",
                    connection.id(), credential.mechanism());
            credentials.refused(connection.id(), credential);
            return connect(connection.imap(), credentials.credential(connection.id()), readTimeout);
        }
    }

    private IMAPStore connect(ImapSettings server, ImapCredential credential, Duration readTimeout)
            throws MessagingException {
        if (readTimeout == null) {
            return connector.connect(server, credential);
        }
        Session session = connector.session(server);
        String protocol = server.security() == ImapSecurity.TLS ? "imaps" : "imap";
        session.getProperties().put("mail." + protocol + ".timeout", Long.toString(readTimeout.toMillis()));
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        store.connect(server.host(), server.port(), credential.username(), credential.secret());
        return store;
    }

    private static String mailboxKey(ImapSettings server) {
        return server.host().toLowerCase(Locale.ROOT) + ":" + server.port() + "|"
                + server.username().toLowerCase(Locale.ROOT);
    }

    /** A connection taken from the mailbox's allowance; closing it closes the connection and gives the place back. */
    public final class Lease implements AutoCloseable {
        private final IMAPStore store;
        private final Semaphore mailbox;
        private final AtomicInteger closed = new AtomicInteger();

        private Lease(IMAPStore store, Semaphore mailbox) {
            this.store = store;
            this.mailbox = mailbox;
        }

        public IMAPStore store() {
            return store;
        }

        @Override
        public void close() {
            if (closed.getAndIncrement() > 0) {
                return;
            }
            try {
                store.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("closing an IMAP connection: {}", e.toString());
            } finally {
                open.decrementAndGet();
                mailbox.release();
            }
        }
    }
}
