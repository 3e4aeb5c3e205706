package org.mailtrail.config.check.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.token.domain.ImapCredentials;
import org.mailtrail.config.token.domain.TokenAcquisitionException;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.platform.imap.ImapConnector;
import org.mailtrail.platform.imap.ImapCredential;
import org.mailtrail.platform.imap.ImapProperties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;

/**
 * The setup checks of an IMAP connection, in the order a connection is made: the host name resolves, the port
 * answers, TLS is agreed (from the first byte, or STARTTLS, which the server must offer) with a certificate that is
 * trusted and issued for the host, the account signs in, the source folder is there, the archive folder is there
 * (or created on request), and the server offers what reading and moving mail works best with (MOVE, UIDPLUS,
 * IDLE). A check whose prerequisite failed is skipped. Nothing in the mailbox is changed but a requested archive
 * folder.
 */
public class ImapSetupChecker {

    public static final String DNS = "dns";
    public static final String TCP = "tcp";
    public static final String TLS = "tls";
    public static final String LOGIN = "login";
    public static final String SOURCE_FOLDER = SetupChecker.SOURCE_FOLDER;
    public static final String ARCHIVE_FOLDER = SetupChecker.ARCHIVE_FOLDER;
    public static final String MOVE = "move";
    public static final String IDLE = "idle";

    private static final List<String> ORDER = List.of(DNS, TCP, TLS, LOGIN, SOURCE_FOLDER, ARCHIVE_FOLDER, MOVE, IDLE);

    private final ImapConnector connector;
    private final ImapCredentials credentials;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public ImapSetupChecker(ImapConnector connector, ImapCredentials credentials, ImapProperties properties) {
        this.connector = connector;
        this.credentials = credentials;
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
    }

    /** @param createArchiveFolder create the archive folder when it is missing */
    public List<CheckResult> run(Connection connection, boolean createArchiveFolder) {
        ConnectionSettings settings = connection.settings();
        List<CheckResult> results = new ArrayList<>();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(settings.imap().host());
            results.add(CheckResult.passed(DNS, settings.imap().host() + " resolves to " + Arrays.stream(addresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", "))));
        } catch (UnknownHostException e) {
            results.add(CheckResult.failed(DNS, "The host name " + settings.imap().host() + " does not resolve",
                    ImapRemedies.forUnknownHost(settings)));
            return skipRest(results, "needs the host name to resolve");
        }
        CheckResult tcp = tcp(settings, addresses[0]);
        results.add(tcp);
        if (tcp.status() == CheckStatus.FAILED) {
            return skipRest(results, "needs the port to answer");
        }
        CheckResult tls = tls(settings, addresses[0]);
        results.add(tls);
        if (tls.status() == CheckStatus.FAILED) {
            return skipRest(results, "needs an encrypted connection with a trusted certificate");
        }
        ImapCredential credential;
        try {
            credential = credentials.credential(connection);
        } catch (TokenAcquisitionException e) {
            results.add(CheckResult.failed(LOGIN, "No credential to sign in with: " + e.getMessage(),
                    credentialRemedy(e, connection)));
            return skipRest(results, "needs to sign in");
        }
        IMAPStore store;
        try {
            store = connector.connect(settings.imap(), credential);
        } catch (AuthenticationFailedException e) {
            boolean token = settings.imap().auth() == ImapAuth.XOAUTH2;
            results.add(CheckResult.failed(LOGIN, "The server refused to sign in " + settings.imap().username()
                    + (token ? " with the app's token" : " with the password") + ": " + e.getMessage(),
                    token ? ImapRemedies.forRefusedToken(settings) : ImapRemedies.forRefusedPassword(settings)));
            return skipRest(results, "needs to sign in");
        } catch (MessagingException e) {
            results.add(CheckResult.failed(LOGIN, "Signing in failed: " + describe(e),
                    "See the server's answer in the message; run the check again once it is fixed."));
            return skipRest(results, "needs to sign in");
        }
        try {
            results.add(CheckResult.passed(LOGIN, "Signed in as " + settings.imap().username() + " by "
                    + settings.imap().auth()));
            results.add(sourceFolder(store, settings));
            results.add(archiveFolder(store, settings, createArchiveFolder));
            results.add(move(store.hasCapability("MOVE"), store.hasCapability("UIDPLUS")));
            results.add(idle(store.hasCapability("IDLE"), settings.pollInterval()));
        } catch (MessagingException e) {
            results.add(CheckResult.failed(nextCheck(results), "The server broke off: " + describe(e),
                    "Run the check again; if it keeps failing, see the server's answer in the message."));
            return skipRest(results, "needs the connection to the server");
        } finally {
            close(store);
        }
        return results;
    }

    private static String credentialRemedy(TokenAcquisitionException e, Connection connection) {
        if (e.reason() == TokenAcquisitionException.Reason.NO_PASSWORD) {
            return ImapRemedies.forNoPassword();
        }
        if (connection.settings().signsInWithPassword()) {
            return connection.password().isReference() ? Remedies.forReference(connection.password().reference())
                    : "Set the password again, or give the service the master keyset that contains the key it was"
                            + " stored with.";
        }
        return Remedies.forToken(e, connection);
    }

    /** MOVE moves mail in one step; without it, mail is copied, flagged \Deleted and expunged by UID (UIDPLUS). */
    static CheckResult move(boolean move, boolean uidPlus) {
        if (move) {
            return CheckResult.passed(MOVE, "The server moves mail in one step (MOVE)");
        }
        if (uidPlus) {
            return CheckResult.warning(MOVE, "The server offers no MOVE: mail is moved by COPY, STORE \\Deleted and"
                    + " UID EXPUNGE of that one mail (UIDPLUS), three commands instead of one",
                    "It works as it is. Most current servers offer MOVE (RFC 6851); a proxy or load balancer in"
                    + " between may hide it.");
        }
        return CheckResult.warning(MOVE, "The server offers neither MOVE nor UIDPLUS: mail is moved by COPY and STORE"
                + " \\Deleted, and without UID EXPUNGE the expunge also removes any other mail another client flagged"
                + " \\Deleted in the source folder", "Use a server that offers MOVE (RFC 6851) or UIDPLUS (RFC 4315),"
                + " or check that no proxy in between hides them from the CAPABILITY answer.");
    }

    /** IDLE tells of new mail at once; without it, the source folder is polled. */
    static CheckResult idle(boolean idle, Duration pollInterval) {
        if (idle) {
            return CheckResult.passed(IDLE, "The server tells of new mail at once (IDLE); the folder is also read every "
                    + pollInterval + " in case a notice is lost");
        }
        return CheckResult.warning(IDLE, "The server offers no IDLE: new mail is noticed by polling, every "
                + pollInterval, "It works as it is, with mail logged up to " + pollInterval + " late; lower"
                + " pollInterval (down to PT30S) to log sooner, or enable IDLE on the server.");
    }

    private CheckResult tcp(ConnectionSettings settings, InetAddress address) {
        String where = address.getHostAddress() + ":" + settings.imap().port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, settings.imap().port()), (int) connectTimeout.toMillis());
            if (settings.imap().security() == ImapSecurity.STARTTLS) {
                // A plain port greets first: the check leaves as a client should, not by hanging up mid-session.
                socket.setSoTimeout((int) readTimeout.toMillis());
                BufferedReader in = reader(socket);
                if (in.readLine() != null) {
                    logOut(socket, in, "c0");
                }
            }
            return CheckResult.passed(TCP, "Port " + settings.imap().port() + " answers at " + where);
        } catch (SocketTimeoutException e) {
            return CheckResult.failed(TCP, "No answer from " + where + " within " + connectTimeout,
                    ImapRemedies.forClosedPort(settings));
        } catch (ConnectException e) {
            return CheckResult.failed(TCP, "Connection refused at " + where, ImapRemedies.forClosedPort(settings));
        } catch (IOException e) {
            return CheckResult.failed(TCP, "No connection to " + where + ": " + e.getMessage(),
                    ImapRemedies.forClosedPort(settings));
        }
    }

    /**
     * Makes the TLS handshake itself, with the trust every IMAP connection uses and the host name checked, to tell
     * an untrusted certificate, a certificate for another name and a server without TLS apart.
     */
    private CheckResult tls(ConnectionSettings settings, InetAddress address) {
        String host = settings.imap().host();
        int port = settings.imap().port();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            if (settings.imap().security() == ImapSecurity.STARTTLS) {
                BufferedReader in = reader(plain);
                String greeting = in.readLine();
                if (greeting == null || !greeting.startsWith("* ")) {
                    return CheckResult.failed(TLS, "No IMAP greeting on port " + port + " (" + greeting + ")",
                            ImapRemedies.forHandshake(settings));
                }
                boolean startTls = command(plain, in, "c1", "CAPABILITY").stream()
                        .anyMatch(line -> line.toUpperCase(Locale.ROOT).matches(".*\\bSTARTTLS\\b.*"));
                if (!startTls) {
                    logOut(plain, in, "c3");
                    return CheckResult.failed(TLS, "The server does not offer STARTTLS on port " + port
                            + ": it would take the password in plaintext", ImapRemedies.forNoStartTls());
                }
                List<String> answer = command(plain, in, "c2", "STARTTLS");
                if (!answer.get(answer.size() - 1).startsWith("c2 OK")) {
                    logOut(plain, in, "c3");
                    return CheckResult.failed(TLS, "The server refused STARTTLS (" + answer + ")",
                            ImapRemedies.forNoStartTls());
                }
            }
            try (SSLSocket tls = (SSLSocket) connector.trust().socketFactory().createSocket(plain, host, port, true)) {
                SSLParameters parameters = tls.getSSLParameters();
                // Checks the certificate's names against the host during the handshake (RFC 6125).
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                X509Certificate certificate = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                BufferedReader secured = reader(tls);
                if (settings.imap().security() == ImapSecurity.TLS) {
                    String greeting = secured.readLine();
                    if (greeting == null || !greeting.startsWith("* ")) {
                        return CheckResult.failed(TLS, "No IMAP greeting after the TLS handshake on port " + port,
                                ImapRemedies.forHandshake(settings));
                    }
                }
                logOut(tls, secured, "c4");
                return CheckResult.passed(TLS, tls.getSession().getProtocol() + " by "
                        + settings.imap().security() + ", certificate of " + certificate.getSubjectX500Principal()
                        + " issued by " + certificate.getIssuerX500Principal() + ", valid until "
                        + certificate.getNotAfter().toInstant() + ", trusted and issued for " + host);
            }
        } catch (SSLException e) {
            if (causedBy(e, CertPathValidatorException.class) || mentions(e, "PKIX path")) {
                return CheckResult.failed(TLS, "The server's certificate is not trusted: " + rootMessage(e),
                        ImapRemedies.forUntrustedCertificate(settings));
            }
            if (causedBy(e, CertificateException.class)) {
                return CheckResult.failed(TLS, "The server's certificate does not match " + host + ": "
                        + rootMessage(e), ImapRemedies.forHostNameMismatch(settings));
            }
            return CheckResult.failed(TLS, "No TLS handshake: " + rootMessage(e), ImapRemedies.forHandshake(settings));
        } catch (IOException e) {
            return CheckResult.failed(TLS, "The connection broke off before TLS was agreed: " + rootMessage(e),
                    ImapRemedies.forHandshake(settings));
        }
    }

    private CheckResult sourceFolder(IMAPStore store, ConnectionSettings settings) throws MessagingException {
        Folder folder = store.getFolder(imapName(settings.sourceFolder()));
        if (!folder.exists()) {
            return CheckResult.failed(SOURCE_FOLDER, "The mailbox has no folder '" + settings.sourceFolder() + "'",
                    ImapRemedies.forMissingSourceFolder(settings));
        }
        return CheckResult.passed(SOURCE_FOLDER, "Source folder '" + folder.getFullName() + "' holds "
                + folder.getMessageCount() + " messages");
    }

    private CheckResult archiveFolder(IMAPStore store, ConnectionSettings settings, boolean create)
            throws MessagingException {
        String name = settings.archiveFolder();
        Folder folder = store.getFolder(imapName(name));
        if (folder.exists()) {
            return CheckResult.passed(ARCHIVE_FOLDER, "Archive folder '" + folder.getFullName() + "' is there");
        }
        if (!create) {
            return CheckResult.failed(ARCHIVE_FOLDER, "The mailbox has no folder '" + name
                    + "' to archive logged mail in", ImapRemedies.forMissingArchiveFolder());
        }
        if (!folder.create(Folder.HOLDS_MESSAGES)) {
            return CheckResult.failed(ARCHIVE_FOLDER, "The server did not create folder '" + name + "'",
                    "Create the folder in the mailbox yourself and name it here.");
        }
        return CheckResult.passed(ARCHIVE_FOLDER, "Archive folder '" + folder.getFullName() + "' was created");
    }

    /** Graph's well-known name inbox is IMAP's INBOX, the one name IMAP compares without case. */
    static String imapName(String folder) {
        return "inbox".equalsIgnoreCase(folder) ? "INBOX" : folder;
    }

    /** Sends a command before TLS (only CAPABILITY and STARTTLS are ever sent so) and answers every line back. */
    private static List<String> command(Socket socket, BufferedReader in, String tag, String command)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("the server closed the connection after " + command);
    }

    /** Ends the session with LOGOUT, as a client should; a server that hangs up first is no failure here. */
    private static void logOut(Socket socket, BufferedReader in, String tag) {
        try {
            command(socket, in, tag, "LOGOUT");
        } catch (IOException e) {
            // The check's result stands; the connection is closed next either way.
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static List<CheckResult> skipRest(List<CheckResult> results, String why) {
        ORDER.subList(results.size(), ORDER.size()).forEach(check -> results.add(CheckResult.skipped(check, why)));
        return results;
    }

    private static String nextCheck(List<CheckResult> results) {
        return ORDER.get(results.size());
    }

    private static void close(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // Closing only ends the check's own session; the results stand.
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String describe(MessagingException e) {
        return e.getMessage() + (e.getCause() == null ? "" : " (" + rootMessage(e) + ")");
    }
}
