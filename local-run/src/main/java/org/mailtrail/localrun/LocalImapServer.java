package org.mailtrail.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.http.TlsMaterial;
import org.mailtrail.emulator.mailbox.EmailAddress;
import org.mailtrail.emulator.mailbox.Mail;

/**
 * An IMAP server in this JVM (GreenMail) for the IMAP demo and the end-to-end tests: IMAPS for the services, with the
 * certificate graph-emulator serves (so that the trust store the services are given for Graph lets them in, host name
 * included: the certificate names 127.0.0.1), SMTP to deliver mail into it as a transport rule would, and plain IMAP
 * on the loopback interface for a TLS-terminating proxy to stand in front of. Mail, folders and users live in memory
 * and survive {@link #stop()} and {@link #start()}. Its capabilities are GreenMail's: IMAP4rev1, LITERAL+, UIDPLUS,
 * SORT, IDLE, MOVE, SASL-IR, AUTH=XOAUTH2, QUOTA (no CONDSTORE or QRESYNC).
 */
public final class LocalImapServer implements AutoCloseable {

    /** Where every listener binds, and the host name connections name: the certificate's IP address. */
    public static final String HOST = "127.0.0.1";
    private static final String KEY_STORE = "graph-emulator-keystore.p12";

    private final GreenMail greenMail;
    private final int imapsPort;
    private final int imapPort;
    private final int smtpPort;
    private final Path keyStore;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A mail as it lies in a folder: its UID there, its Message-ID, and its INTERNALDATE. */
    public record StoredMail(long uid, String internetMessageId, String subject, Instant internalDate,
            boolean deleted) {
    }

    /** Listens on these ports of {@link #HOST} once {@link #start() started}. */
    public LocalImapServer(int imapsPort, int imapPort, int smtpPort) {
        this.imapsPort = imapsPort;
        this.imapPort = imapPort;
        this.smtpPort = smtpPort;
        this.keyStore = copyKeyStore();
        useKeyStore(keyStore);
        this.greenMail = new KeepingGreenMail(new ServerSetup[] {
                new ServerSetup(imapsPort, HOST, ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP)});
    }

    /** Starts (or starts again after {@link #stop()}) every listener, with the mail it held before. */
    public synchronized LocalImapServer start() {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        return this;
    }

    /** Stops every listener, cutting every connection; the mail stays for {@link #start()}. */
    public synchronized void stop() {
        if (greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    public boolean running() {
        return greenMail.isRunning();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Creates the mailbox's account (user name = address) with a random password, or answers the password it has.
     */
    public synchronized String addMailbox(String address) {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        return addMailbox(address, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Creates the mailbox's account with this password, or answers the password it has. */
    public synchronized String addMailbox(String address, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("the mailbox " + address + " needs a password");
        }
        return passwords.computeIfAbsent(address.toLowerCase(), key -> {
            greenMail.setUser(key, key, password);
            return password;
        });
    }

    /** Every mailbox's password by address: for a test that searches logs and events for them. */
    public synchronized Map<String, String> passwords() {
        return Map.copyOf(passwords);
    }

    /**
     * Creates a top-level folder of the mailbox unless it exists, as a mail server's own folders are there from the
     * start (Exchange's "Deleted Items", say).
     */
    public synchronized void createFolder(String mailbox, String folder) {
        GreenMailUser user = user(mailbox);
        if (hosts().getFolder(user, folder) == null) {
            try {
                hosts().createMailbox(user, folder);
            } catch (FolderException | AuthorizationException e) {
                throw new IllegalStateException("cannot create " + folder + " in " + mailbox + ": " + e.getMessage(), e);
            }
        }
    }

    public String host() {
        return HOST;
    }

    /** IMAP over TLS from the first byte, what connections of security TLS expect. */
    public int imapsPort() {
        return imapsPort;
    }

    /** Plain IMAP on the loopback interface: for a proxy that terminates TLS with {@link #keyStore()}. */
    public int plainImapPort() {
        return imapPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The server's key (PKCS12, password {@link #keyStorePassword()}): graph-emulator's test certificate. */
    public Path keyStore() {
        return keyStore;
    }

    public String keyStorePassword() {
        return TlsMaterial.PASSWORD;
    }

    /**
     * Delivers the mail over SMTP to {@code mailbox} alone, whatever its To and Cc say, as a journal or BCC transport
     * rule does: the headers keep the original sender and recipients, the envelope names the mailbox.
     */
    public void deliver(String mailbox, Mail mail) {
        deliver(mailbox, mime(mail));
    }

    /** Delivers a message built by the caller over SMTP to {@code mailbox} alone. */
    public void deliver(String mailbox, MimeMessage message) {
        try {
            Transport.send(message, new Address[] {new InternetAddress(mailbox)});
        } catch (MessagingException e) {
            throw new IllegalStateException("could not deliver " + messageId(message) + " to " + mailbox + " over SMTP"
                    + " (port " + smtpPort + "): " + e.getMessage(), e);
        }
    }

    /** An empty message of a session that sends through this server's SMTP listener. */
    public MimeMessage newMessage() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", HOST);
        properties.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "10000");
        return new MimeMessage(Session.getInstance(properties));
    }

    /** The emulator's mail as an RFC 5322 message: the same headers a sending server would have written. */
    public MimeMessage mime(Mail mail) {
        try {
            MimeMessage message = new FixedIdMessage(newMessage(), mail.internetMessageId());
            if (mail.from() != null) {
                message.setFrom(address(mail.from()));
            }
            if (mail.sender() != null) {
                message.setSender(address(mail.sender()));
            }
            message.setRecipients(Message.RecipientType.TO, addresses(mail.toRecipients()));
            message.setRecipients(Message.RecipientType.CC, addresses(mail.ccRecipients()));
            if (!mail.replyTo().isEmpty()) {
                message.setReplyTo(addresses(mail.replyTo()));
            }
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(mail.sentDateTime() == null ? Instant.now() : mail.sentDateTime()));
            String body = mail.body() == null ? "" : mail.body();
            if ("html".equalsIgnoreCase(mail.bodyContentType())) {
                message.setText(body, "UTF-8", "html");
            } else {
                message.setText(body, "UTF-8");
            }
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the mail " + mail.internetMessageId() + " cannot be written as MIME: "
                    + e.getMessage(), e);
        }
    }

    /** The mail in one folder of the mailbox, in UID order; empty when there is no such folder. */
    public List<StoredMail> messages(String mailbox, String folder) {
        MailFolder found = hosts().getFolder(user(mailbox), folder);
        if (found == null) {
            return List.of();
        }
        List<StoredMail> mails = new ArrayList<>();
        for (StoredMessage message : found.getMessages()) {
            mails.add(stored(message));
        }
        return mails;
    }

    /** The names of the mailbox's folders, INBOX first. */
    public List<String> folders(String mailbox) {
        try {
            List<String> names = new ArrayList<>();
            for (MailFolder folder : hosts().listMailboxes(user(mailbox), "*")) {
                names.add(folder.getName());
            }
            names.sort((a, b) -> a.equalsIgnoreCase("INBOX") ? -1 : b.equalsIgnoreCase("INBOX") ? 1 : a.compareTo(b));
            return names;
        } catch (FolderException e) {
            throw new IllegalStateException("cannot list the folders of " + mailbox + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every folder that holds a copy of the mail not flagged deleted, with how many copies: where a mail is, as
     * someone who opens the mailbox sees it.
     */
    public Map<String, Integer> whereIs(String mailbox, String internetMessageId) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String folder : folders(mailbox)) {
            long copies = messages(mailbox, folder).stream()
                    .filter(mail -> !mail.deleted() && internetMessageId.equals(mail.internetMessageId())).count();
            if (copies > 0) {
                found.put(folder, (int) copies);
            }
        }
        return found;
    }

    public long uidValidity(String mailbox, String folder) {
        MailFolder found = hosts().getFolder(user(mailbox), folder);
        if (found == null) {
            throw new IllegalArgumentException("the mailbox " + mailbox + " has no folder " + folder);
        }
        return found.getUidValidity();
    }

    /**
     * Replaces the folder with a new one of the same name holding the same mail (INTERNALDATE and flags kept, mail
     * flagged deleted left out), as a server does when a mailbox is restored or moved to another database: the new
     * folder has another UIDVALIDITY, so every UID a client knew is void. Clients that had the folder selected lose
     * it.
     */
    public synchronized void recreateFolder(String mailbox, String folder) {
        GreenMailUser user = user(mailbox);
        MailFolder old = hosts().getFolder(user, folder);
        if (old == null) {
            throw new IllegalArgumentException("the mailbox " + mailbox + " has no folder " + folder);
        }
        long before = old.getUidValidity();
        // GreenMail's UIDVALIDITY is the second the folder was made in: a folder made in the same second would keep it.
        while (Instant.now().getEpochSecond() <= before) {
            ManagedProcess.pause(Duration.ofMillis(20));
        }
        List<StoredMessage> kept = old.getNonDeletedMessages();
        try {
            // The store rather than the host manager: the latter refuses to delete an INBOX, which is what is asked.
            old.deleteAllMessages();
            try {
                // Closes the sessions that have the folder selected, as a server does with a mailbox it removes.
                old.signalDeletion();
            } catch (RuntimeException closedAlready) {
                // GreenMail fails on a session whose client is gone already; the others were told or are gone too.
            }
            hosts().getStore().deleteMailbox(old);
            MailFolder fresh = hosts().getStore().createMailbox(parentOf(user), old.getName(), true);
            for (StoredMessage message : kept) {
                fresh.appendMessage(message.getMimeMessage(), message.getFlags(), message.getReceivedDate());
            }
            if (fresh.getUidValidity() == before) {
                throw new IllegalStateException("the folder " + folder + " of " + mailbox + " kept UIDVALIDITY " + before);
            }
        } catch (FolderException e) {
            throw new IllegalStateException("cannot recreate " + folder + " of " + mailbox + ": " + e.getMessage(), e);
        }
    }

    /** The folder that holds the user's INBOX and the folders beside it. */
    private MailFolder parentOf(GreenMailUser user) throws FolderException {
        // As GreenMail lays accounts out: "#mail", then one folder per user, then the user's folders.
        return hosts().getStore().getMailbox(hosts().getStore().getMailbox("#mail"), user.getQualifiedMailboxName());
    }

    private ImapHostManager hosts() {
        return greenMail.getManagers().getImapHostManager();
    }

    private GreenMailUser user(String mailbox) {
        GreenMailUser user = greenMail.getUserManager().getUser(mailbox.toLowerCase());
        if (user == null) {
            throw new IllegalArgumentException("no mailbox " + mailbox + " on this IMAP server; it has " + passwords.keySet());
        }
        return user;
    }

    private static StoredMail stored(StoredMessage message) {
        MimeMessage mime = message.getMimeMessage();
        try {
            return new StoredMail(message.getUid(), mime.getMessageID(), mime.getSubject(),
                    message.getReceivedDate().toInstant(), message.isSet(Flags.Flag.DELETED));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the stored mail of UID " + message.getUid(), e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return "a mail";
        }
    }

    private static InternetAddress address(EmailAddress address) {
        try {
            return new InternetAddress(address.address(), address.name(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InternetAddress[] addresses(List<EmailAddress> addresses) {
        return addresses.stream().map(LocalImapServer::address).toArray(InternetAddress[]::new);
    }

    /**
     * GreenMail's TLS listeners take their key from system properties, read once per JVM: set them, or refuse a JVM
     * that set other ones (its TLS listeners would present a certificate the services do not trust).
     */
    private static void useKeyStore(Path keyStore) {
        String file = System.getProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        if (file != null && !Path.of(file).equals(keyStore)) {
            throw new IllegalStateException("GreenMail in this JVM already uses the key store " + file
                    + ", so its IMAPS listener would not present graph-emulator's certificate");
        }
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TlsMaterial.PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, TlsMaterial.PASSWORD);
    }

    /**
     * The emulator's key store, copied out of its jar (GreenMail reads a file) beside the emulator's trust store: one
     * place, so that every server of the JVM names the same file.
     */
    private static Path copyKeyStore() {
        Path directory = GraphEmulator.TRUST_DIRECTORY;
        try (InputStream in = TlsMaterial.class.getResourceAsStream("/org/mailtrail/emulator/tls/" + KEY_STORE)) {
            if (in == null) {
                throw new IllegalStateException("graph-emulator's jar has no " + KEY_STORE);
            }
            Files.createDirectories(directory);
            Path target = directory.resolve(KEY_STORE);
            Path partial = Files.createTempFile(directory, KEY_STORE, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the IMAP server's key store", e);
        }
    }

    /**
     * GreenMail forgets its users and mail when it stops; a mail server that restarts does not, and neither does
     * this one.
     */
    private static final class KeepingGreenMail extends GreenMail {

        KeepingGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        public synchronized void stop() {
            Managers kept = managers;
            super.stop();
            managers = kept;
        }
    }

    /** Keeps the Message-ID it is given: {@link MimeMessage#saveChanges()} would make a new one. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(MimeMessage session, String messageId) {
            super(session.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
