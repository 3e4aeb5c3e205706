package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.localrun.LocalImapServer;
import org.mailtrail.testsupport.imap.ImapFaultProxy;

import tools.jackson.databind.JsonNode;

/**
 * Nothing is lost and nothing is counted twice while the IMAP side breaks. A stream of chaos mail goes over SMTP into
 * an IMAP mailbox whose connection reaches the server through an {@link ImapFaultProxy}, while the proxy drops every
 * connection (the IDLE one included) several times, the server stops and starts again, the source folder is recreated
 * with a new UIDVALIDITY (every UID the ingestor knew is void: it reads the whole folder again), and the server answers
 * {@code NO} to a few MOVEs. At the end every mail is logged, held or excluded as its case says, is in exactly one
 * folder, the interaction log lists each interaction once, no mail was published under two event ids or one event id
 * with two contents, no interaction was logged twice, and no record was dead-lettered. The faults are all between the
 * ingestor and this class's own mailbox, so the stack stays {@link PipelineStack}'s.
 *
 * <p>The size is a fifth of {@code -Dchaos.mails} (the Graph chaos run's property), at least 48: 48 by default, 2,000
 * for the full suite.
 */
@Order(Order.DEFAULT + 3)
class ImapChaosIT {

    private static final int MAILS = Math.max(48, Integer.getInteger("chaos.mails", 240) / 5);
    private static final int MAILS_PER_SECOND = Math.max(10, MAILS / 60);
    private static final Duration SERVER_DOWN = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(Math.max(75, MAILS / 10));
    private static final String MAILBOX = PipelineStack.IMAP_CHAOS_MAILBOX;
    private static final String CONNECTION = "contoso-imap-chaos";
    private static final String RUN = "imap-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> IMAP_FOLDERS = Map.of("archive", MailtrailUnderTest.IMAP_ARCHIVE,
            "deleteditems", "Deleted Items", ChaosMail.HOLD_FOLDER, ChaosMail.HOLD_FOLDER);

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = PipelineStack.mailtrail();
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());
    private static final Api manager = new Api().as(() -> mailtrail.stack().personToken("maria"));
    private static ImapFaultProxy proxy;

    @BeforeAll
    static void connectTheMailboxThroughTheFaultProxy() {
        LocalImapServer imap = mailtrail.stack().imapServer();
        imap.addMailbox(MAILBOX);
        imap.createFolder(MAILBOX, "Deleted Items");
        proxy = ImapFaultProxy.start(imap.keyStore(), imap.keyStorePassword(), LocalImapServer.HOST,
                imap.plainImapPort());
        // The shortest safety-net poll a connection may have: IDLE is what the run relies on.
        mailtrail.connectImap(admin, CONNECTION, MAILBOX, proxy.port(), Map.of("pollInterval", "PT30S"));
        Directory.loadForChaos(admin, mailtrail.url("interaction-matcher"));
        // The IDLE connection is up before the first fault, so that the first drop cuts it mid-IDLE.
        await().atMost(WAIT).until(() -> proxy.open() > 0);
    }

    @AfterAll
    static void stopTheProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void nothingIsLostOrDuplicatedWhileConnectionsDropTheServerRestartsUidValidityChangesAndMovesAreRefused()
            throws Exception {
        LocalImapServer imap = mailtrail.stack().imapServer();
        List<ChaosMail> mails = IntStream.range(0, MAILS).mapToObj(n -> ChaosMail.number(n, RUN, MAILBOX)).toList();
        int sixth = MAILS / 6;
        Map<Integer, Runnable> faults = Map.of(
                sixth, proxy::dropAll,
                2 * sixth, () -> proxy.refuseMoves(3),
                3 * sixth, () -> serverDownFor(imap, SERVER_DOWN),
                4 * sixth, () -> {
                    imap.recreateFolder(MAILBOX, "INBOX");
                    // Whoever still had the old folder selected reconnects and finds the new one.
                    proxy.dropAll();
                },
                5 * sixth, () -> {
                    proxy.refuseMoves(2);
                    proxy.dropAll();
                });

        deliver(mails, faults);
        RunChecks checks = new RunChecks(mailtrail, admin, manager, List.of(CONNECTION), List.of(MAILBOX));
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> settled(imap));
        } catch (ConditionTimeoutException notSettled) {
            // The checks below say which mails are where they should not be, and why.
            System.out.println("imap chaos: not settled within " + SETTLE + ": INBOX holds "
                    + imap.messages(MAILBOX, "INBOX").size() + ", ledger " + admin.get(mailtrail.url(
                            "interaction-matcher") + "/api/ledger/" + CONNECTION).body());
        }
        proxy.clearFaults();

        assertThat(checks.loggedInteractions()).as("interactions in the log")
                .isEqualTo(mails.stream().flatMap(mail -> mail.interactions().stream()).collect(Collectors.toSet()));
        Map<String, String> misplaced = new TreeMap<>();
        for (ChaosMail mail : mails) {
            Map<String, Integer> where = imap.whereIs(MAILBOX, mail.internetMessageId());
            Map<String, Integer> expected = Map.of(IMAP_FOLDERS.get(mail.expectedFolder()), 1);
            if (!where.equals(expected)) {
                misplaced.put(mail.internetMessageId(), where + ", expected " + expected);
            }
        }
        assertThat(misplaced).as("mails not in exactly their one folder").isEmpty();

        JsonNode ledger = admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + CONNECTION).body();
        assertThat(ledger.path("received").asLong()).as("%s", ledger).isEqualTo(MAILS);
        assertThat(ledger.path("copies").asLong()).as("mails taken for a second copy: %s", ledger).isZero();
        assertThat(ledger.path("failed").asLong()).as("%s", ledger).isZero();
        assertThat(ledger.at("/mailbox/FAILED").asLong()).as("%s", ledger).isZero();
        assertThat(ledger.path("logged").asLong() + ledger.path("excluded").asLong() + ledger.path("held").asLong())
                .as("logged + excluded + held: %s", ledger).isEqualTo(MAILS);

        assertEachMailPublishedUnderOneEventIdWithOneContent();
        assertNoInteractionLoggedTwice();
        assertThat(checks.deadLetters()).as("records on dead-letter topics").isEmpty();
    }

    /**
     * Delivers the stream over SMTP at a steady rate, striking each fault as the stream reaches its mail; a mail that
     * meets the server down waits for it, as a sending server queues it.
     */
    private static void deliver(List<ChaosMail> mails, Map<Integer, Runnable> faults) throws Exception {
        LocalImapServer imap = mailtrail.stack().imapServer();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        try {
            pacer.scheduleAtFixedRate(() -> {
                int n = next.getAndIncrement();
                if (n >= mails.size()) {
                    delivered.complete(null);
                    return;
                }
                try {
                    faults.getOrDefault(n, () -> { }).run();
                    await().atMost(WAIT).ignoreExceptions().until(() -> {
                        imap.deliver(MAILBOX, mails.get(n).toMail());
                        return true;
                    });
                } catch (RuntimeException | Error e) {
                    delivered.completeExceptionally(e);
                }
            }, 0, 1_000_000 / MAILS_PER_SECOND, TimeUnit.MICROSECONDS);
            delivered.get(WAIT.toSeconds() + MAILS / MAILS_PER_SECOND, TimeUnit.SECONDS);
        } finally {
            pacer.shutdownNow();
        }
    }

    /** Stops the server (every connection cut, none accepted) and starts it again after {@code down}, on its ports. */
    private static void serverDownFor(LocalImapServer imap, Duration down) {
        imap.stop();
        CompletableFuture.delayedExecutor(down.toMillis(), TimeUnit.MILLISECONDS).execute(imap::start);
    }

    /** Every mail out of the INBOX, and its disposition in the ledger. */
    private static boolean settled(LocalImapServer imap) {
        if (!imap.running() || imap.messages(MAILBOX, "INBOX").stream().anyMatch(mail -> !mail.deleted())) {
            return false;
        }
        JsonNode ledger = admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + CONNECTION).body();
        return ledger != null && ledger.at("/mailbox/ARCHIVED").asLong() + ledger.at("/mailbox/DELETED").asLong()
                + ledger.at("/mailbox/HELD").asLong() + ledger.at("/mailbox/FAILED").asLong() >= MAILS;
    }

    /**
     * A mail read again (after a dropped connection, a restart, a new UIDVALIDITY) is the same event: one event id and
     * one immutableId per Message-ID, and one content per event id.
     */
    private static void assertEachMailPublishedUnderOneEventIdWithOneContent() {
        Map<String, Set<String>> eventIds = new HashMap<>();
        Map<String, Set<String>> immutableIds = new HashMap<>();
        Map<String, Set<String>> contents = new HashMap<>();
        for (JsonNode mail : events(Topics.MAIL_RECEIVED, MailReceived.TYPE)) {
            String id = mail.path("internetMessageId").asString();
            eventIds.computeIfAbsent(id, key -> new TreeSet<>()).add(mail.path("eventId").asString());
            immutableIds.computeIfAbsent(id, key -> new TreeSet<>()).add(mail.path("immutableId").asString());
            contents.computeIfAbsent(mail.path("eventId").asString(), key -> new TreeSet<>()).add(content(mail));
        }
        assertThat(eventIds.keySet()).as("mails published").hasSize(MAILS);
        assertThat(eventIds.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("mails published under more than one event id").isEmpty();
        assertThat(immutableIds.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("mails published under more than one immutableId").isEmpty();
        assertThat(contents.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("event ids published with two different contents").isEmpty();
    }

    /** One InteractionLogged event per interaction, and one interaction per salesperson, contact and mail. */
    private static void assertNoInteractionLoggedTwice() {
        Map<String, Set<String>> eventIds = new HashMap<>();
        Map<String, Set<String>> interactionIds = new HashMap<>();
        for (JsonNode logged : events(Topics.INTERACTION_EVENTS, InteractionLogged.TYPE)) {
            eventIds.computeIfAbsent(logged.path("interactionId").asString(), key -> new TreeSet<>())
                    .add(logged.path("eventId").asString());
            interactionIds.computeIfAbsent(ChaosMail.interaction(logged.path("internetMessageId").asString(),
                    logged.path("contactId").asString(), logged.path("salespersonCode").asString()),
                    key -> new TreeSet<>()).add(logged.path("interactionId").asString());
        }
        assertThat(eventIds).as("InteractionLogged events of the run").isNotEmpty();
        assertThat(eventIds.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("interactions logged by more than one event").isEmpty();
        assertThat(interactionIds.entrySet().stream().filter(entry -> entry.getValue().size() > 1))
                .as("a salesperson, contact and mail logged as more than one interaction").isEmpty();
    }

    /** The events of this class's connection and mails on the topic, of the CloudEvents type, read to its end. */
    private static List<JsonNode> events(String topic, String type) {
        return Traces.allRecords(mailtrail.stack().bootstrapServers(), topic).stream()
                .filter(record -> type.equals(ceType(record)) && record.value() != null)
                .map(record -> ContractJson.mapper().readTree(record.value()))
                .filter(event -> CONNECTION.equals(event.path("connectionId").asString())
                        && event.path("internetMessageId").asString().contains("-" + RUN + "-"))
                .toList();
    }

    /** What a mail says, without where it lay when it was read (its IMAP URL changes with every move). */
    private static String content(JsonNode mail) {
        return String.join("|", mail.path("immutableId").asString(), mail.path("subject").asString(),
                mail.path("from").toString(), mail.path("sender").toString(), mail.path("toRecipients").toString(),
                mail.path("ccRecipients").toString(), mail.path("sentDateTime").asString(),
                mail.path("receivedDateTime").asString());
    }

    private static String ceType(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
