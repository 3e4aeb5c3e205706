package org.mailtrail.ingestor.imap.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.platform.imap.ImapConnector;
import org.mailtrail.platform.imap.ImapCredential;
import org.mailtrail.platform.imap.ImapProperties;
import org.mailtrail.testsupport.imap.ImapTestServer;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;

/**
 * A mail is read while another connection (the dispositions') expunges an older mail of the same folder: the server
 * renumbers the folder's messages, and a mail asked for by the sequence number it had a moment ago is another mail,
 * or none. Reading by UID keeps each mail's preview and attachments its own.
 */
class ImapMailsRenumberingTest {

    private static final String MAILBOX = "renumbering@contoso.com";
    private static final String PASSWORD = "renumbering-password";
    private static ImapTestServer server;
    private static ImapConnector connector;
    private static ImapSettings settings;

    @BeforeAll
    static void startTheServer() {
        server = ImapTestServer.start();
        server.addUser(MAILBOX, PASSWORD);
        connector = new ImapConnector(new ImapProperties(server.trustStore(), server.trustStorePassword(), "PKCS12",
                Duration.ofSeconds(5), Duration.ofSeconds(20)));
        settings = new ImapSettings(ImapTestServer.HOST, server.port(), ImapSecurity.TLS, MAILBOX, ImapAuth.PASSWORD);
    }

    @AfterAll
    static void stopTheServer() {
        server.close();
    }

    @Test
    void aMailReadWhileAnOlderOneIsExpungedKeepsItsOwnPreviewAndAttachments() throws Exception {
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        server.append(MAILBOX, "INBOX", mail("<first@customer.test>", "the first mail, moved away"), at);
        server.append(MAILBOX, "INBOX", mail("<second@customer.test>", "the second mail"), at.plusSeconds(1));
        server.append(MAILBOX, "INBOX", attachment("<third@customer.test>", "the third mail, with a file"),
                at.plusSeconds(2));
        FollowedConnection connection = new FollowedConnection("renumbering", 1, null, null, null, MAILBOX, "inbox",
                "Archive", null, null, null, null, true, null, ConnectionKind.IMAP, settings);
        ImapCredential credential = new ImapCredential(MAILBOX, ImapAuth.PASSWORD, PASSWORD, null);

        try (IMAPStore reading = connector.connect(settings, credential);
                IMAPStore moving = connector.connect(settings, credential)) {
            IMAPFolder inbox = (IMAPFolder) reading.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            ImapMails.prefetch(inbox, messages);
            IMAPMessage third = (IMAPMessage) messages[2];
            IMAPMessage second = (IMAPMessage) messages[1];
            List<Long> uids = List.of(inbox.getUID(messages[0]), inbox.getUID(second), inbox.getUID(third));

            IMAPFolder other = (IMAPFolder) moving.getFolder("INBOX");
            other.open(Folder.READ_WRITE);
            other.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            other.expunge();
            other.close(false);

            MailReceived thirdMail = ImapMails.toMailReceived(connection, inbox, third, inbox.getUIDValidity(),
                    Instant.now());
            MailReceived secondMail = ImapMails.toMailReceived(connection, inbox, second, inbox.getUIDValidity(),
                    Instant.now());

            assertThat(thirdMail.internetMessageId()).isEqualTo("<third@customer.test>");
            assertThat(thirdMail.bodyPreview()).isEqualTo("the third mail, with a file");
            assertThat(thirdMail.hasAttachments()).isTrue();
            assertThat(secondMail.internetMessageId()).isEqualTo("<second@customer.test>");
            assertThat(secondMail.bodyPreview()).isEqualTo("the second mail");
            assertThat(secondMail.hasAttachments()).isFalse();

            // A page's mails read together: the one gone has nothing, the others their own.
            Map<Long, ImapMails.Structure> page = ImapMails.structures(inbox, uids);
            assertThat(page.get(uids.get(0)).preview()).isEmpty();
            assertThat(page.get(uids.get(0)).parts().hasAttachments()).isFalse();
            assertThat(page.get(uids.get(1)).preview()).isEqualTo("the second mail");
            assertThat(page.get(uids.get(1)).parts().hasAttachments()).isFalse();
            assertThat(page.get(uids.get(2)).preview()).isEqualTo("the third mail, with a file");
            assertThat(page.get(uids.get(2)).parts().hasAttachments()).isTrue();
        }
    }

    private static String mail(String messageId, String text) {
        return """
                Message-ID: %s
                From: Pat Quinn <pat.quinn@tailspin.example>
                To: Anna Berger <anna.berger@contoso.com>
                Subject: renumbering
                Date: Tue, 1 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(messageId, text);
    }

    private static String attachment(String messageId, String text) {
        return """
                Message-ID: %s
                From: Pat Quinn <pat.quinn@tailspin.example>
                To: Anna Berger <anna.berger@contoso.com>
                Subject: renumbering
                Date: Tue, 1 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                %s
                --b1
                Content-Type: application/pdf; name="offer.pdf"
                Content-Disposition: attachment; filename="offer.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b1--
                """.formatted(messageId, text);
    }
}
