package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import java.security.cert.CertPathBuilderException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.TlsMaterial;
import org.mailtrail.emulator.mailbox.Mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;

class LocalImapServerIT {

    private static final String MAILBOX = "sales-mail@contoso.com";
    private static LocalImapServer server;
    private static String password;

    @BeforeAll
    static void start() {
        FreePorts ports = FreePorts.jvmWide();
        server = new LocalImapServer(ports.next(), ports.next(), ports.next()).start();
        password = server.addMailbox(MAILBOX);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deliversOverSmtpWithTheOriginalHeadersAndServesTheMailOverImapsToAClientTrustingTheEmulatorsStore()
            throws Exception {
        String id = "<local-imap-" + System.nanoTime() + "@fabrikam.example>";
        Instant sent = Instant.parse("2026-03-02T09:15:00Z");
        server.deliver(MAILBOX, Mail.builder().internetMessageId(id).from("Jordan Smith <j.smith@fabrikam.example>")
                .to("Anna Berger <anna.berger@contoso.com>").cc("Luis Ortega <luis.ortega@contoso.com>")
                .subject("Quote for 40 pallet racks").body("Could you send us a quote?").sentDateTime(sent).build());

        try (Store store = trustingTheEmulator().getStore("imaps")) {
            store.connect(LocalImapServer.HOST, server.imapsPort(), MAILBOX, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = Arrays.stream(inbox.getMessages()).filter(found -> id.equals(messageId(found)))
                    .findFirst().orElseThrow();
            assertThat(message.getSubject()).isEqualTo("Quote for 40 pallet racks");
            assertThat(message.getFrom()).containsExactly(new InternetAddress("j.smith@fabrikam.example", "Jordan Smith"));
            assertThat(message.getRecipients(Message.RecipientType.TO))
                    .containsExactly(new InternetAddress("anna.berger@contoso.com", "Anna Berger"));
            assertThat(message.getRecipients(Message.RecipientType.CC))
                    .containsExactly(new InternetAddress("luis.ortega@contoso.com", "Luis Ortega"));
            assertThat(message.getSentDate().toInstant()).isEqualTo(sent);
            // The envelope named the mailbox alone: nobody in To or Cc got a copy.
            assertThat(message.getHeader("Bcc")).isNull();
        }
        assertThat(server.whereIs(MAILBOX, id)).isEqualTo(Map.of("INBOX", 1));
    }

    @Test
    void aClientTrustingOnlyTheJvmsCertificateAuthoritiesIsRefused() {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        properties.setProperty("mail.imaps.connectiontimeout", "5000");

        assertThatThrownBy(() -> {
            try (Store store = Session.getInstance(properties).getStore("imaps")) {
                store.connect(LocalImapServer.HOST, server.imapsPort(), MAILBOX, password);
            }
        }).isInstanceOf(MessagingException.class).hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void keepsItsMailAcrossAStopAndAStartOnTheSamePorts() throws Exception {
        String id = "<local-imap-restart-" + System.nanoTime() + "@fabrikam.example>";
        server.deliver(MAILBOX, Mail.builder().internetMessageId(id).from("Mei Chen <mei.chen@northwind.example>")
                .to("Anna Berger <anna.berger@contoso.com>").subject("Before the restart").body("x").build());

        server.stop();
        assertThat(server.running()).isFalse();
        assertThatThrownBy(() -> connect()).isInstanceOf(MessagingException.class);
        server.start();

        try (Store store = connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(Arrays.stream(inbox.getMessages()).map(LocalImapServerIT::messageId)).contains(id);
        }
    }

    @Test
    void aRecreatedFolderHasANewUidValidityAndTheSameMailWithItsInternalDates() throws Exception {
        String id = "<local-imap-recreate-" + System.nanoTime() + "@fabrikam.example>";
        server.deliver(MAILBOX, Mail.builder().internetMessageId(id).from("Mei Chen <mei.chen@northwind.example>")
                .to("Anna Berger <anna.berger@contoso.com>").subject("Survives a restore").body("x").build());
        long before = server.uidValidity(MAILBOX, "INBOX");
        LocalImapServer.StoredMail stored = server.messages(MAILBOX, "INBOX").stream()
                .filter(mail -> id.equals(mail.internetMessageId())).findFirst().orElseThrow();

        server.recreateFolder(MAILBOX, "INBOX");

        assertThat(server.uidValidity(MAILBOX, "INBOX")).isGreaterThan(before);
        try (Store store = connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(((UIDFolder) inbox).getUIDValidity()).isEqualTo(
                    server.uidValidity(MAILBOX, "INBOX"));
            Message message = Arrays.stream(inbox.getMessages()).filter(found -> id.equals(messageId(found)))
                    .findFirst().orElseThrow();
            // IMAP's INTERNALDATE has seconds only.
            assertThat(message.getReceivedDate().toInstant())
                    .isEqualTo(stored.internalDate().truncatedTo(ChronoUnit.SECONDS));
        }
        assertThat(server.whereIs(MAILBOX, id)).isEqualTo(Map.of("INBOX", 1));
    }

    @Test
    void createsAFolderOnceAndListsItBesideTheInbox() {
        server.createFolder(MAILBOX, "Deleted Items");
        server.createFolder(MAILBOX, "Deleted Items");

        assertThat(server.folders(MAILBOX)).startsWith("INBOX").containsOnlyOnce("Deleted Items");
        assertThat(server.messages(MAILBOX, "Deleted Items")).isEmpty();
        assertThat(server.passwords()).containsEntry(MAILBOX, password);
    }

    @Test
    void refusesAMailboxItDoesNotHave() {
        assertThatThrownBy(() -> server.messages("nobody@contoso.com", "INBOX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mailbox nobody@contoso.com");
        assertThat(server.folders(MAILBOX)).startsWith("INBOX");
        assertThat(server.messages(MAILBOX, "No such folder")).isEqualTo(List.of());
    }

    private static Store connect() throws MessagingException {
        Store store = trustingTheEmulator().getStore("imaps");
        store.connect(LocalImapServer.HOST, server.imapsPort(), MAILBOX, password);
        return store;
    }

    /** As the services are configured: the emulator's trust store, host name checked. */
    private static Session trustingTheEmulator() {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        properties.setProperty("mail.imaps.connectiontimeout", "5000");
        properties.setProperty("mail.imaps.timeout", "10000");
        properties.put("mail.imaps.ssl.socketFactory",
                TlsMaterial.bundled().clientContext().getSocketFactory());
        return Session.getInstance(properties);
    }

    private static String messageId(Message message) {
        try {
            return message.getHeader("Message-ID")[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
