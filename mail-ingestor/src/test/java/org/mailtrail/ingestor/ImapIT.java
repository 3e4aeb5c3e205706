package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.imap.domain.MailLocation;
import org.mailtrail.ingestor.imap.store.MailLocationStore;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.imap.ImapTestServer;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

import tools.jackson.databind.JsonNode;

/**
 * mail-ingestor reading IMAP mailboxes of GreenMail (in this JVM, mail delivered over SMTP) through the TLS fault
 * proxy, on the real broker and MongoDB server, with credentials from a stand-in of config-service.
 */
@IntegrationTest(properties = {
        "mailtrail.ingestor.sync.retry-delay=500ms",
        "mailtrail.ingestor.dispositions.retry-delay=500ms",
        "mailtrail.ingestor.dispositions.collect-window=50ms",
        "mailtrail.imap.idle-renew=2s",
        "mailtrail.imap.reconnect-initial-delay=100ms",
        "mailtrail.imap.reconnect-max-delay=500ms",
        "mailtrail.imap.connect-timeout=2s",
        "mailtrail.imap.read-timeout=5s" })
@TestExecutionListeners(listeners = ClosesContextAfterOutermostClass.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ImapIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImapIT.class);

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
        // GreenMail's connection handlers throw when a connection drops under them (the fault tests drop them on
        // purpose): that is no failure of the test waiting meanwhile.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        topics = TopicRecorder.start();
    }

    @AfterAll
    static void stop() {
        Awaitility.reset();
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


    @Test
    void asksForAnotherAccessTokenNamingTheOneTheServerRefused() {
        String mailbox = newMailbox("xoauth2");
        String connectionId = ConnectionRecords.newId("imap");
        // GreenMail takes the account's password as its XOAUTH2 token.
        credentials.registerTokens(connectionId, mailbox, "expired-token", PASSWORD);

        String connection = start(connectionId, mailbox, ImapConnection::xoauth2);
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<oauth@customer.test>", mailbox, "OAuth"));

        assertThat(awaitMails(connection, 1)).extracting(MailReceived::internetMessageId)
                .containsExactly("<oauth@customer.test>");
        assertThat(credentials.refusedDigests()).contains("tSs-8iM4WM4RVthfI1zyxB7d-oyh7tySQ5i5rx2zA8s");
    }

    @Test
    void publishesAMailDeliveredWhileIdlingWithoutWaitingForThePoll() {
        String mailbox = newMailbox("idle");
        // The safety-net poll is 10 minutes away: only IDLE can bring the mail in time.
        String connection = connect(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
        awaitIdling(connection);

        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<idle-1@customer.test>", mailbox, "While idle"));

        assertThat(awaitMails(connection, 1)).extracting(MailReceived::internetMessageId)
                .containsExactly("<idle-1@customer.test>");
    }

    @Test
    void issuesIdleAgainAfterTheRenewIntervalAndKeepsListening() {
        String mailbox = newMailbox("renew");
        String connection = connect(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
        awaitIdling(connection);

        await("IDLE issued again").atMost(WAIT)
                .until(() -> counter("mailtrail_imap_idle_renewals_total", "connection=\"" + connection + "\"") >= 1);
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<after-renewal@customer.test>", mailbox, "Renewed"));

        assertThat(awaitMails(connection, 1)).extracting(MailReceived::internetMessageId)
                .containsExactly("<after-renewal@customer.test>");
    }

    @Test
    void carriesOutArchiveHoldAndDeleteIntoExactlyOneFolderEachAndRecognisesARepeatedCommand() {
        String mailbox = newMailbox("dispositions");
        IMAP.createFolder(mailbox, "Archive");
        String connection = connect(mailbox, c -> c);
        for (String id : List.of("<archive-me@customer.test>", "<hold-me@customer.test>", "<delete-me@customer.test>")) {
            IMAP.deliver("anna@customer.test", mailbox, simpleMail(id, mailbox, "Mail " + id));
        }
        List<MailReceived> mails = awaitMails(connection, 3);
        MailReceived archive = mail(mails, "<archive-me@customer.test>");
        MailReceived hold = mail(mails, "<hold-me@customer.test>");
        MailReceived delete = mail(mails, "<delete-me@customer.test>");

        Commands.send(List.of(Commands.command(archive, Disposition.ARCHIVE), Commands.hold(hold, "On hold"),
                Commands.command(delete, Disposition.DELETE)));

        await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() == 1
                && topics.results(connection, MailHeld.class).size() == 1
                && topics.results(connection, MailDeleted.class).size() == 1);
        assertThat(IMAP.messageIds(mailbox, "INBOX")).isEmpty();
        assertThat(IMAP.messageIds(mailbox, "Archive")).containsExactly("<archive-me@customer.test>");
        assertThat(IMAP.messageIds(mailbox, "On hold")).containsExactly("<hold-me@customer.test>");
        assertThat(IMAP.messageIds(mailbox, "Trash")).containsExactly("<delete-me@customer.test>");
        MailArchived archived = topics.results(connection, MailArchived.class).get(0);
        String account = mailbox.replace("@", "%40");
        assertThat(archived.webLink()).isEqualTo("imap://" + account + "@127.0.0.1:" + IMAP.port()
                + "/Archive;UIDVALIDITY=" + IMAP.uidValidity(mailbox, "Archive") + "/;UID=1");
        assertThat(archived.messageId()).isEqualTo(archived.webLink());
        assertThat(archived.immutableId()).isEqualTo(archive.immutableId());
        assertThat(archived.folder()).isEqualTo("Archive");
        MailHeld held = topics.results(connection, MailHeld.class).get(0);
        assertThat(held.folder()).isEqualTo("On hold");
        assertThat(held.webLink()).isEqualTo("imap://" + account + "@127.0.0.1:" + IMAP.port()
                + "/On%20hold;UIDVALIDITY=" + IMAP.uidValidity(mailbox, "On hold") + "/;UID=1");
        assertThat(topics.results(connection, MailDeleted.class).get(0).internetMessageId())
                .isEqualTo("<delete-me@customer.test>");

        // Another command for a mail that is in the archive already: done, and still one copy.
        MailDispositionRequested again = new MailDispositionRequested(UUID.randomUUID(), Instant.now(), 1, connection,
                archive.internetMessageId(), archive.immutableId(), Disposition.ARCHIVE, "logged again");
        Commands.send(List.of(again));

        await("a MailArchived for the repeated command").atMost(WAIT)
                .until(() -> topics.results(connection, MailArchived.class).size() == 2);
        assertThat(topics.results(connection, MailArchived.class).get(1).dispositionId()).isEqualTo(again.eventId());
        assertThat(IMAP.messageIds(mailbox, "Archive")).containsExactly("<archive-me@customer.test>");
        assertThat(topics.results(connection, MailDispositionFailed.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = DeleteMode.class, names = { "SOFT_DELETE", "PERMANENT_DELETE" })
    void deletesForGoodWhereNoTrashIsWanted(DeleteMode mode) {
        String mailbox = newMailbox("delete");
        String connection = connect(mailbox, c -> c.deleteMode(mode));
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<gone@customer.test>", mailbox, "Gone"));
        MailReceived mail = awaitMails(connection, 1).get(0);

        Commands.send(List.of(Commands.command(mail, Disposition.DELETE)));

        await().atMost(WAIT).until(() -> topics.results(connection, MailDeleted.class).size() == 1);
        assertThat(IMAP.messageIds(mailbox, "INBOX")).isEmpty();
        assertThat(IMAP.messageIds(mailbox, "Trash")).isEmpty();
    }

    @Test
    void aMailCopiedBeforeTheSourceCopyWasExpungedIsNotCopiedAgain(@Autowired MailLocationStore locations) {
        String mailbox = newMailbox("copied");
        String connection = connect(mailbox, c -> c);
        String text = simpleMail("<copied@customer.test>", mailbox, "Copied");
        IMAP.deliver("anna@customer.test", mailbox, text);
        MailReceived mail = awaitMails(connection, 1).get(0);
        // As an earlier try does: it noted where the mail was going, copied it (COPY keeps INTERNALDATE) and stopped
        // before the expunge.
        MailLocation seen = locations.find(connection, mail.immutableId()).orElseThrow();
        locations.movingTo(connection, List.of(seen), "Archive");
        IMAP.append(mailbox, "Archive", text, internalDates(mailbox, "INBOX").get(0));

        Commands.send(List.of(Commands.command(mail, Disposition.ARCHIVE)));

        await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() == 1);
        assertThat(IMAP.messageIds(mailbox, "Archive")).containsExactly("<copied@customer.test>");
        assertThat(IMAP.messageIds(mailbox, "INBOX")).isEmpty();
    }

    @Test
    void fallsBackToCopyAndExpungeWhenTheServerRefusesAMove() {
        String mailbox = newMailbox("nomove");
        IMAP.createFolder(mailbox, "Archive");
        String connection = connect(mailbox, c -> c);
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<refused@customer.test>", mailbox, "Refused"));
        MailReceived mail = awaitMails(connection, 1).get(0);
        double copies = counter("mailtrail_imap_commands_total", "command=\"copy\"");
        IMAP.proxy().refuseMoves(1);

        Commands.send(List.of(Commands.command(mail, Disposition.ARCHIVE)));

        await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() == 1);
        assertThat(IMAP.proxy().movesStillRefused()).as("the MOVE was tried and refused").isZero();
        assertThat(IMAP.messageIds(mailbox, "Archive")).containsExactly("<refused@customer.test>");
        assertThat(IMAP.messageIds(mailbox, "INBOX")).isEmpty();
        assertThat(counter("mailtrail_imap_commands_total", "command=\"copy\"")).isEqualTo(copies + 1);
    }

    @Test
    void copiesAndExpungesWhenTheServerOffersNoMove() {
        IMAP.proxy().stripCapabilities("MOVE");
        String mailbox = newMailbox("nomovecap");
        IMAP.createFolder(mailbox, "Archive");
        String connection = connect(mailbox, c -> c);
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<copy-path@customer.test>", mailbox, "Copy"));
        MailReceived mail = awaitMails(connection, 1).get(0);
        double copies = counter("mailtrail_imap_commands_total", "command=\"copy\"");
        double moves = counter("mailtrail_imap_commands_total", "command=\"move\"");

        Commands.send(List.of(Commands.command(mail, Disposition.ARCHIVE)));

        await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() == 1);
        assertThat(IMAP.messageIds(mailbox, "Archive")).containsExactly("<copy-path@customer.test>");
        assertThat(IMAP.messageIds(mailbox, "INBOX")).isEmpty();
        assertThat(counter("mailtrail_imap_commands_total", "command=\"copy\"")).isEqualTo(copies + 1);
        assertThat(counter("mailtrail_imap_commands_total", "command=\"move\"")).isEqualTo(moves);
    }

    @Test
    void publishesOnceAMailDeliveredWhileTheIdleConnectionWasDown() {
        String mailbox = newMailbox("dropped");
        String connection = connect(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
        awaitIdling(connection);

        IMAP.proxy().refuseFor(Duration.ofMillis(500));
        IMAP.proxy().dropAll();
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<while-down@customer.test>", mailbox, "Down"));

        awaitMails(connection, 1);
        awaitIdling(connection);
        IMAP.deliver("anna@customer.test", mailbox, simpleMail("<after@customer.test>", mailbox, "After"));
        List<MailReceived> mails = awaitMails(connection, 2);
        assertThat(mails).extracting(MailReceived::internetMessageId)
                .containsExactly("<while-down@customer.test>", "<after@customer.test>");
    }

    @Test
    void readsAServerThatLostItsStateAgainWithTheSameEventIds() {
        String mailbox = newMailbox("restart");
        String connection = connect(mailbox, c -> c);
        String first = simpleMail("<kept-1@customer.test>", mailbox, "One");
        String second = simpleMail("<kept-2@customer.test>", mailbox, "Two");
        IMAP.deliver("anna@customer.test", mailbox, first);
        IMAP.deliver("anna@customer.test", mailbox, second);
        List<UUID> before = awaitMails(connection, 2).stream().map(MailReceived::eventId).toList();
        List<Instant> dates = internalDates(mailbox, "INBOX");

        IMAP.restart();
        IMAP.addUser(mailbox, PASSWORD);
        // The new mail first: its UID is below the last UID read before, where a stale state would not look.
        IMAP.append(mailbox, "INBOX", simpleMail("<new@customer.test>", mailbox, "New"), Instant.now());
        IMAP.append(mailbox, "INBOX", first, dates.get(0));
        IMAP.append(mailbox, "INBOX", second, dates.get(1));

        await("the new mail, whose UID is below the last one read before the restart").atMost(WAIT)
                .until(() -> topics.mailReceived(connection).stream()
                        .anyMatch(m -> m.internetMessageId().equals("<new@customer.test>")));
        assertThat(topics.mailReceived(connection).stream().map(MailReceived::eventId).distinct())
                .hasSize(3).containsAll(before);
    }

    @Test
    void readsAFolderMadeAnewAgainWithTheSameEventIds() {
        String mailbox = newMailbox("uidvalidity");
        Instant monday = Instant.parse("2026-11-30T08:00:00Z");
        Instant tuesday = Instant.parse("2026-12-01T08:00:00Z");
        String first = simpleMail("<queued-1@customer.test>", mailbox, "One");
        String second = simpleMail("<queued-2@customer.test>", mailbox, "Two");
        IMAP.append(mailbox, "Queue", first, monday);
        IMAP.append(mailbox, "Queue", second, tuesday);
        String connection = connect(mailbox, c -> c.source("Queue").pollEvery(Duration.ofMillis(700)));
        List<UUID> before = awaitMails(connection, 2).stream().map(MailReceived::eventId).toList();
        long uidValidity = IMAP.uidValidity(mailbox, "Queue");

        IMAP.replaceFolder(mailbox, "Queue");
        IMAP.append(mailbox, "Queue", simpleMail("<queued-new@customer.test>", mailbox, "New"), Instant.now());
        IMAP.append(mailbox, "Queue", first, monday);
        IMAP.append(mailbox, "Queue", second, tuesday);
        assertThat(IMAP.uidValidity(mailbox, "Queue")).isNotEqualTo(uidValidity);

        await("the new mail, whose UID is below the last one read in the old folder").atMost(WAIT)
                .until(() -> topics.mailReceived(connection).stream()
                        .anyMatch(m -> m.internetMessageId().equals("<queued-new@customer.test>")));
        assertThat(topics.mailReceived(connection).stream().map(MailReceived::eventId).distinct())
                .hasSize(3).containsAll(before);
    }

    @Test
    void servesTheContentOfAnImapMailWithItsHtmlMadeSafe() {
        String mailbox = newMailbox("content");
        String connection = connect(mailbox, c -> c);
        IMAP.deliver("anna@customer.test", mailbox, """
                Message-ID: <offer-9@customer.test>
                Date: Wed, 02 Dec 2026 14:00:00 +0000
                From: Anna Berg <anna@customer.test>
                To: Sales <%s>
                Subject: Offer 9
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=utf-8

                Hi, see the offer.
                --inner
                Content-Type: text/html; charset=utf-8

                <p>Hi, see the <a href="https://contoso.test/offer">offer</a>.</p><script>alert(1)</script><img src="https://tracker.test/p.gif" onerror="alert(2)"><a href="javascript:alert(3)">click</a>
                --inner--
                --outer
                Content-Type: application/pdf; name="offer.pdf"
                Content-Disposition: attachment; filename="offer.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --outer--
                """.formatted(mailbox));
        MailReceived mail = awaitMails(connection, 1).get(0);
        String path = "/internal/messages/" + connection + "/" + mail.immutableId();

        HttpResponse<String> response = http.get(path + "/content", Tokens.service("messages.read"));
        log.info("GET {}/content answered {} {}", path, response.statusCode(), response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode content = Http.json(response);
        assertThat(content.path("internetMessageId").asString()).isEqualTo("<offer-9@customer.test>");
        assertThat(content.path("folder").asString()).isEqualTo("INBOX");
        assertThat(content.path("imapUrl").asString()).isEqualTo(mail.messageId());
        assertThat(content.path("subject").asString()).isEqualTo("Offer 9");
        assertThat(content.path("from").path("address").asString()).isEqualTo("anna@customer.test");
        assertThat(content.path("to").get(0).path("address").asString()).isEqualTo(mailbox);
        assertThat(content.path("text").asString().trim()).isEqualTo("Hi, see the offer.");
        String html = content.path("html").asString();
        assertThat(html).contains("<a href=\"https://contoso.test/offer\" rel=\"noopener noreferrer nofollow\">offer</a>")
                .doesNotContain("<script", "alert(1)", "onerror", "<img", "tracker.test", "javascript:");
        assertThat(content.path("attachments")).hasSize(1);
        assertThat(content.path("attachments").get(0).path("name").asString()).isEqualTo("offer.pdf");
        assertThat(content.path("attachments").get(0).path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(content.path("headers").findValuesAsString("name")).contains("Date", "From", "To", "Subject",
                "Message-ID");

        assertThat(http.get(path + "/link").body()).isEqualTo("{\"webLink\":\"" + mail.messageId() + "\"}");
        HttpResponse<String> unknown = http.get("/internal/messages/" + connection + "/imap-unknown/content",
                Tokens.service("messages.read"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).path("type").asString()).isEqualTo("urn:mailtrail:problem:message-not-found");
        assertThat(http.get(path + "/content", Tokens.service("messages.link")).statusCode()).isEqualTo(403);

        IMAP.proxy().refuseFor(Duration.ofSeconds(5));
        HttpResponse<String> unreachable = http.get(path + "/content", Tokens.service("messages.read"));
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(Http.json(unreachable).path("type").asString()).isEqualTo("urn:mailtrail:problem:imap-unavailable");
    }

    // ----------------------------------------------------------------------------------------------------------

    static String simpleMail(String messageId, String to, String subject) {
        return """
                Message-ID: %s
                Date: Tue, 01 Dec 2026 09:30:00 +0000
                From: Anna Berg <anna@customer.test>
                To: <%s>
                Subject: %s
                Content-Type: text/plain; charset=utf-8

                About %s.
                """.formatted(messageId, to, subject, subject);
    }

    static MailReceived mail(List<MailReceived> mails, String internetMessageId) {
        return mails.stream().filter(m -> m.internetMessageId().equals(internetMessageId)).findFirst().orElseThrow();
    }

    /** The INBOX's (or a folder's) INTERNALDATEs as the server keeps them, oldest UID first. */
    static List<Instant> internalDates(String mailbox, String folder) {
        try {
            var user = IMAP.greenMail().getUserManager().getUserByEmail(mailbox);
            var hosts = IMAP.greenMail().getManagers().getImapHostManager();
            var found = folder.equals("INBOX") ? hosts.getInbox(user) : hosts.getFolder(user, folder);
            return found.getMessages().stream().map(m -> m.getReceivedDate().toInstant()).toList();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitIdling(String connectionId) {
        await().atMost(WAIT).until(() -> counter("mailtrail_imap_idle_active", "connection=\"" + connectionId + "\"") == 1);
    }

    /** A meter's value on the Prometheus page: the sum of the series whose labels hold every fragment; 0 for none. */
    double counter(String name, String... labelFragments) {
        double sum = 0;
        for (String line : prometheus().split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labelFragments).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    String newMailbox(String purpose) {
        String mailbox = purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.test";
        IMAP.addUser(mailbox, PASSWORD);
        return mailbox;
    }

    /** A new IMAP connection to the mailbox, signing in with its password, once its first round is done. */
    String connect(String mailbox, UnaryOperator<ImapConnection> settings) {
        String connectionId = ConnectionRecords.newId("imap");
        credentials.register(connectionId, mailbox, PASSWORD);
        return start(connectionId, mailbox, settings);
    }

    String start(String connectionId, String mailbox, UnaryOperator<ImapConnection> settings) {
        connections.add(connectionId);
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
        ImapAuth auth = ImapAuth.PASSWORD;

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

        ImapConnection xoauth2() {
            auth = ImapAuth.XOAUTH2;
            return this;
        }

        ImapConnection deleteMode(DeleteMode mode) {
            deleteMode = mode;
            return this;
        }

        ConnectionConfigured build() {
            return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, "1"), Instant.now(), 1, id, 1,
                    "IMAP " + id, auth == ImapAuth.XOAUTH2 ? "contoso-tenant" : null,
                    auth == ImapAuth.XOAUTH2 ? "mailtrail-imap-client" : null, null, mailbox, sourceFolder, archiveFolder, UnmatchedPolicy.DELETE,
                    deleteMode, List.of("contoso.test"), null, null, null, pollInterval, true, MatchingOptions.NONE,
                    HoldPolicy.DEFAULT, CopyPolicy.LIKE_FIRST, ConnectionKind.IMAP,
                    new ImapSettings(ImapTestServer.HOST, IMAP.port(), ImapSecurity.TLS, mailbox, auth));
        }
    }
}
