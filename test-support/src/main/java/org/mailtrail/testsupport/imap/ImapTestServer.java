package org.mailtrail.testsupport.imap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * An IMAP and SMTP server for tests: GreenMail on free ports of 127.0.0.1, its IMAP reached through an
 * {@link ImapFaultProxy} that speaks TLS with a certificate for {@code 127.0.0.1} and {@code localhost}, made once
 * per JVM by the JDK's keytool, which the service under test trusts through {@link #trustStore()}. Mail arrives over
 * SMTP ({@link #deliver}), as a transport rule would bring it, or straight into a folder ({@link #append}).
 */
public final class ImapTestServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String KEY_PASSWORD = "imap-test-only";

    private static Path keyStore;
    private static Path trustStore;

    private GreenMail greenMail;
    private final int imapPort;
    private final int smtpPort;
    private final ImapFaultProxy proxy;

    private ImapTestServer(GreenMail greenMail, int imapPort, int smtpPort, ImapFaultProxy proxy) {
        this.greenMail = greenMail;
        this.imapPort = imapPort;
        this.smtpPort = smtpPort;
        this.proxy = proxy;
    }

    public static ImapTestServer start() {
        certificates();
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP), new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP) });
        greenMail.start();
        int imap = greenMail.getImap().getPort();
        int smtp = greenMail.getSmtp().getPort();
        ImapFaultProxy proxy = ImapFaultProxy.start(keyStore, KEY_PASSWORD, HOST, imap);
        return new ImapTestServer(greenMail, imap, smtp, proxy);
    }

    /** Where the service connects: the proxy's TLS port. */
    public int port() {
        return proxy.port();
    }

    public ImapFaultProxy proxy() {
        return proxy;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /** A PKCS12 trust store with the certificate the proxy presents. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return KEY_PASSWORD;
    }

    /** An account whose login is its address. */
    public void addUser(String address, String password) {
        greenMail.setUser(address, address, password);
    }

    /** Delivers a message (RFC 5322 text, CRLF or LF) over SMTP to {@code recipient}, headers as written (Bcc too). */
    public void deliver(String sender, String recipient, String message) {
        try (Socket socket = new Socket(HOST, smtpPort)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            say(out, in, "HELO test.invalid", "250");
            say(out, in, "MAIL FROM:<" + sender + ">", "250");
            say(out, in, "RCPT TO:<" + recipient + ">", "250");
            say(out, in, "DATA", "354");
            String body = message.replace("\r\n", "\n").replace("\n", "\r\n");
            StringBuilder data = new StringBuilder();
            for (String line : body.split("\r\n", -1)) {
                data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(data.toString().getBytes(StandardCharsets.UTF_8));
            say(out, in, ".", "250");
            say(out, in, "QUIT", "221");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a message into the account's folder (made when missing) with this INTERNALDATE, as APPEND would. */
    public long append(String address, String folder, String message, Instant internalDate) {
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(message.replace("\r\n", "\n").replace("\n", "\r\n")
                            .getBytes(StandardCharsets.UTF_8)));
            return folder(address, folder, true).appendMessage(mime, new Flags(), Date.from(internalDate));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a folder in the account (nothing when it exists). */
    public void createFolder(String address, String folder) {
        folder(address, folder, true);
    }

    /** The Message-IDs of the mails in the account's folder that are not flagged deleted; empty for no folder. */
    public List<String> messageIds(String address, String folder) {
        MailFolder found = folder(address, folder, false);
        List<String> ids = new ArrayList<>();
        if (found == null) {
            return ids;
        }
        for (StoredMessage message : found.getNonDeletedMessages()) {
            try {
                ids.add(message.getMimeMessage().getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    /** The folder's UIDVALIDITY now. */
    public long uidValidity(String address, String folder) {
        return folder(address, folder, false).getUidValidity();
    }

    /**
     * Makes the account's folder anew, empty and with another UIDVALIDITY, as after it was deleted and created again;
     * the old one, with its mail, is kept under another name. (GreenMail cannot delete a folder that a session has
     * selected, and counts UIDVALIDITY in seconds: a folder made within the same second is made again until its
     * UIDVALIDITY differs.)
     */
    public void replaceFolder(String address, String folder) {
        long old = uidValidity(address, folder);
        org.awaitility.Awaitility.await().dontCatchUncaughtExceptions().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    hosts().renameMailbox(user(address), folder, folder + "-replaced-" + System.nanoTime());
                    return hosts().createMailbox(user(address), folder).getUidValidity() != old;
                });
    }

    /**
     * Stops GreenMail and starts a new one on the same ports: every account, folder and mail is gone, as on a server
     * that lost its store, and folders made from now on have new UIDVALIDITYs. The proxy stays; the connections it
     * carried drop.
     */
    public void restart() {
        proxy.dropAll();
        stop(greenMail);
        // GreenMail's UIDVALIDITY is the second a folder is made: the new store's folders get new ones.
        long stopped = System.currentTimeMillis() / 1000;
        org.awaitility.Awaitility.await().dontCatchUncaughtExceptions().atMost(java.time.Duration.ofSeconds(3))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> System.currentTimeMillis() / 1000 > stopped);
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP) });
        greenMail.start();
    }

    @Override
    public void close() {
        proxy.close();
        stop(greenMail);
    }

    /**
     * Stops each of GreenMail's servers. Stopping one rethrows what its connection handlers met, e.g. a client's
     * socket closing under an IDLE: that must not leave the other servers running and their ports taken.
     */
    private static void stop(GreenMail greenMail) {
        for (com.icegreen.greenmail.server.AbstractServer server : List.of(greenMail.getImap(), greenMail.getSmtp())) {
            try {
                server.stopService();
            } catch (RuntimeException e) {
                // stopped all the same
            }
        }
    }

    private ImapHostManager hosts() {
        return greenMail.getManagers().getImapHostManager();
    }

    private GreenMailUser user(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            throw new IllegalArgumentException("no account " + address);
        }
        return user;
    }

    private MailFolder folder(String address, String folder, boolean create) {
        try {
            GreenMailUser user = user(address);
            if (folder.equalsIgnoreCase("INBOX")) {
                return hosts().getInbox(user);
            }
            MailFolder found = hosts().getFolder(user, folder);
            return found != null || !create ? found : hosts().createMailbox(user, folder);
        } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void say(OutputStream out, InputStream in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static void expect(InputStream in, String code) throws IOException {
        String answer;
        do {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
            answer = line.toString().trim();
            if (b == -1 && answer.isEmpty()) {
                throw new IOException("the SMTP server closed the connection, " + code + " expected");
            }
        } while (answer.length() > 3 && answer.charAt(3) == '-');
        if (!answer.startsWith(code)) {
            throw new IOException("the SMTP server answered '" + answer + "', " + code + " expected");
        }
    }

    /** The proxy's key store and its trust store, made once per JVM with the JDK's keytool. */
    private static synchronized void certificates() {
        if (keyStore != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("imap-test-tls");
            Path keys = dir.resolve("imap-server.p12");
            Path certificate = dir.resolve("imap-server.cer");
            Path trust = dir.resolve("imap-trust.p12");
            keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12", "-alias", "imap",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                    "-keystore", keys.toString(), "-storepass", KEY_PASSWORD, "-keypass", KEY_PASSWORD);
            keytool("-exportcert", "-alias", "imap", "-keystore", keys.toString(), "-storepass", KEY_PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "imap", "-file", certificate.toString(), "-storetype",
                    "PKCS12", "-keystore", trust.toString(), "-storepass", KEY_PASSWORD);
            keyStore = keys;
            trustStore = trust;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
