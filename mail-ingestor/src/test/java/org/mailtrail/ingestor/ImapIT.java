package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.imap.ImapTestServer;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * mail-ingestor reading IMAP mailboxes of GreenMail (in this JVM, mail delivered over SMTP) through the TLS fault
 * proxy, on the real broker and MongoDB server, with credentials from a stand-in of config-service.
 */
@IntegrationTest(properties = {
        "mailtrail.ingestor.sync.retry-delay=500ms",
        "mailtrail.ingestor.dispositions.retry-delay=500ms",
        "mailtrail.ingestor.dispositions.collect-window=50ms",
        "mailtrail.imap.reconnect-initial-delay=100ms",
        "mailtrail.imap.reconnect-max-delay=500ms",
        "mailtrail.imap.connect-timeout=2s",
        "mailtrail.imap.read-timeout=5s" })
@TestExecutionListeners(listeners = ClosesContextAfterOutermostClass.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ImapIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String PASSWORD = "imap-account-password";
    static final ImapTestServer IMAP = ImapTestServer.start();
    static ImapCredentialDouble credentials = ImapCredentialDouble.start();
    static TopicRecorder topics;

    MongoTemplate mongo;
    Http http;
    final java.util.List<String> connections = new java.util.ArrayList<>();

    @DynamicPropertySource
    static void imapAndConfigService(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.imap.trust-store", () -> IMAP.trustStore().toString());
        registry.add("mailtrail.imap.trust-store-password", IMAP::trustStorePassword);
        registry.add("mailtrail.ingestor.config-service-url", () -> credentials.url());
    }

    @BeforeAll
    static void recorder() {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
        topics = TopicRecorder.start();
    }

    @AfterAll
    static void stop() {
        topics.close();
        credentials.close();
        IMAP.close();
    }

    @BeforeEach
    void harness(@LocalServerPort int port, @Autowired MongoTemplate mongo) {
        this.mongo = mongo;
        this.http = new Http(port);
    }

    @AfterEach
    void clear() {
        IMAP.proxy().clearFaults();
        connections.forEach(ConnectionRecords::publishTombstone);
        connections.clear();
    }

    @Test
    void publishesMailDeliveredOverSmtpWithTheIdentityOfAnImapMail() throws Exception {
        String mailbox = newMailbox("identity");
        String connection = connect(mailbox, c -> c);
        IMAP.deliver("anna@customer.test", mailbox, """
                Message-ID: <order-42@customer.test>
                Date: Tue, 01 Dec 2026 09:30:00 +0000
                From: Anna Berg <anna@customer.test>
                Sender: Assistant <assistant@customer.test>
                To: Sales <%s>, Bo <bo@contoso.test>
                Cc: Carl <carl@customer.test>
                Bcc: hidden@customer.test
                Subject: Order 42
                In-Reply-To: <quote-7@contoso.test>
                References: <rfq-1@customer.test> <quote-7@contoso.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                Hello,
                   we order   42 units.
                --b1
                Content-Type: application/pdf; name="order.pdf"
                Content-Disposition: attachment; filename="order.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b1--
                """.formatted(mailbox));

        MailReceived mail = awaitMails(connection, 1).get(0);

        Instant internalDate = IMAP.greenMail().getManagers().getImapHostManager()
                .getInbox(IMAP.greenMail().getUserManager().getUserByEmail(mailbox)).getMessages().get(0)
                .getReceivedDate().toInstant();
        long uidValidity = IMAP.uidValidity(mailbox, "INBOX");
        String immutableId = "imap-" + Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest((mailbox + "\n<order-42@customer.test>\n" + internalDate.getEpochSecond())
                        .getBytes(StandardCharsets.UTF_8)));
        String url = "imap://" + mailbox.replace("@", "%40") + "@127.0.0.1:" + IMAP.port() + "/INBOX;UIDVALIDITY="
                + uidValidity + "/;UID=1";
        assertThat(mail.internetMessageId()).isEqualTo("<order-42@customer.test>");
        assertThat(mail.immutableId()).isEqualTo(immutableId);
        assertThat(mail.eventId()).isEqualTo(EventIds.of(MailReceived.TYPE, connection, "<order-42@customer.test>",
                immutableId));
        assertThat(mail.messageId()).isEqualTo(url);
        assertThat(mail.webLink()).isEqualTo(url);
        assertThat(mail.conversationId()).isNull();
        assertThat(mail.inReplyTo()).isEqualTo("<quote-7@contoso.test>");
        assertThat(mail.references()).containsExactly("<rfq-1@customer.test>", "<quote-7@contoso.test>");
        assertThat(mail.sender()).isEqualTo(new EmailAddress("Assistant", "assistant@customer.test"));
        assertThat(mail.from()).isEqualTo(new EmailAddress("Anna Berg", "anna@customer.test"));
        assertThat(mail.toRecipients()).containsExactly(new EmailAddress("Sales", mailbox),
                new EmailAddress("Bo", "bo@contoso.test"));
        assertThat(mail.ccRecipients()).containsExactly(new EmailAddress("Carl", "carl@customer.test"));
        assertThat(mail.toString()).doesNotContain("hidden@customer.test");
        assertThat(mail.subject()).isEqualTo("Order 42");
        assertThat(mail.sentDateTime()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(mail.receivedDateTime()).isEqualTo(internalDate.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(mail.isDraft()).isFalse();
        assertThat(mail.bodyPreview()).isEqualTo("Hello, we order 42 units.");
        assertThat(mail.hasAttachments()).isTrue();
    }

    // ----------------------------------------------------------------------------------------------------------

    String newMailbox(String purpose) {
        String mailbox = purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.test";
        IMAP.addUser(mailbox, PASSWORD);
        return mailbox;
    }

    /** A new IMAP connection to the mailbox, once its first round is done. */
    String connect(String mailbox, UnaryOperator<ImapConnection> settings) {
        String connectionId = ConnectionRecords.newId("imap");
        connections.add(connectionId);
        credentials.register(connectionId, mailbox, PASSWORD);
        ConnectionRecords.publish(settings.apply(new ImapConnection(connectionId, mailbox)).build());
        await().atMost(WAIT).until(() -> mongo.getCollection("imapSyncStates")
                .countDocuments(new Document("_id", connectionId)) > 0);
        return connectionId;
    }

    List<MailReceived> awaitMails(String connectionId, int distinct) {
        await().atMost(WAIT).until(() -> topics.mailReceived(connectionId).stream().map(MailReceived::eventId)
                .distinct().count() >= distinct);
        return topics.mailReceived(connectionId);
    }

    String prometheus() {
        return http.get("/actuator/prometheus", Tokens.metrics()).body();
    }

    /** An IMAP connection's record as config-service publishes it. */
    static final class ImapConnection {
        final String id;
        final String mailbox;
        String sourceFolder = "inbox";
        String archiveFolder = "Archive";
        Duration pollInterval;
        DeleteMode deleteMode;

        ImapConnection(String id, String mailbox) {
            this.id = id;
            this.mailbox = mailbox;
        }

        ImapConnection source(String folder) {
            sourceFolder = folder;
            return this;
        }

        ImapConnection archive(String folder) {
            archiveFolder = folder;
            return this;
        }

        ImapConnection pollEvery(Duration interval) {
            pollInterval = interval;
            return this;
        }

        ImapConnection deleteMode(DeleteMode mode) {
            deleteMode = mode;
            return this;
        }

        ConnectionConfigured build() {
            return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, "1"), Instant.now(), 1, id, 1,
                    "IMAP " + id, null, null, null, mailbox, sourceFolder, archiveFolder, UnmatchedPolicy.DELETE,
                    deleteMode, List.of("contoso.test"), null, null, null, pollInterval, true, MatchingOptions.NONE,
                    HoldPolicy.DEFAULT, CopyPolicy.LIKE_FIRST, ConnectionKind.IMAP,
                    new ImapSettings(ImapTestServer.HOST, IMAP.port(), ImapSecurity.TLS, mailbox, ImapAuth.PASSWORD));
        }
    }
}
