package org.mailtrail.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.mailtrail.emulator.http.TlsMaterial;
import org.mailtrail.testsupport.imap.ImapFaultProxy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The IMAP servers the integration tests check connections against, in-process: GreenMail speaking IMAPS with the
 * graph-emulator's test certificate (which the service trusts through {@code mailtrail.imap.trust-store}), the same
 * GreenMail speaking plain IMAP without STARTTLS on another port, and a TLS server whose self-signed certificate
 * nobody trusts. One of each per test JVM.
 */
final class MailServer {

    static final String USER = "crm-log";
    static final String PASSWORD = "imap-password-" + java.util.UUID.randomUUID();

    private static final MailServer INSTANCE = new MailServer();

    private final GreenMail greenMail;
    private final ImapFaultProxy imaps;
    private final UntrustedTlsServer untrusted;

    static MailServer shared() {
        return INSTANCE;
    }

    private MailServer() {
        Path keyStore = keyStore();
        // GreenMail reads its key store once per JVM, from these properties.
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", TlsMaterial.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TlsMaterial.PASSWORD);
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(Graph.MAILBOX, USER, PASSWORD);
        // IMAPS through the proxy, which ends the server's session with LOGOUT when a client hangs up (the checks'
        // own TLS handshake does): GreenMail's handler of a connection closed under it spins on the end of its stream.
        imaps = ImapFaultProxy.start(keyStore, TlsMaterial.PASSWORD, "127.0.0.1", greenMail.getImap().getPort());
        untrusted = new UntrustedTlsServer();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            imaps.close();
            greenMail.stop();
            untrusted.close();
        }, "mail-server-stop"));
    }

    int imapsPort() {
        return imaps.port();
    }

    int plainImapPort() {
        return greenMail.getImap().getPort();
    }

    int untrustedPort() {
        return untrusted.port();
    }

    void createFolder(String name) {
        try {
            greenMail.getManagers().getImapHostManager().createMailbox(
                    greenMail.getManagers().getUserManager().getUser(USER), name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create folder " + name, e);
        }
    }

    boolean hasFolder(String name) {
        try {
            return greenMail.getManagers().getImapHostManager().getFolder(
                    greenMail.getManagers().getUserManager().getUser(USER), name) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emulator's key store (certificate for localhost and 127.0.0.1), copied out of its jar for GreenMail. */
    private static Path keyStore() {
        try (InputStream in = TlsMaterial.class.getResourceAsStream("/org/mailtrail/emulator/tls/graph-emulator-keystore.p12")) {
            Path file = Files.createTempFile("imap-keystore", ".p12");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers TLS with GreenMail's own self-signed certificate, which no trust store of the service holds. */
    private static final class UntrustedTlsServer implements AutoCloseable {

        private final SSLServerSocket socket;

        UntrustedTlsServer() {
            try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(in, "changeit".toCharArray());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keys, "changeit".toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                        InetAddress.getLoopbackAddress());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot start the untrusted TLS server", e);
            }
            Thread acceptor = new Thread(this::serve, "untrusted-tls");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    ((SSLSocket) client).startHandshake();
                    client.getOutputStream().write("* OK IMAP4rev1 ready\r\n".getBytes());
                } catch (IOException e) {
                    // The client refusing the certificate ends the handshake; the next one is served alike.
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Stopping at JVM exit.
            }
        }
    }
}
