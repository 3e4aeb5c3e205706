package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.connection.store.LeaseStore;
import org.mailtrail.ingestor.disposition.domain.DispositionWorkers;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.ingestor.sync.store.DeltaStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Ingestor instances as processes would be: Spring contexts in this JVM, on their own ports, sharing a database,
 * the broker and the consumer group. One is stopped in the middle of a burst and started again; two run side by
 * side and take a connection over from each other.
 */
class InstancesIT {

    private static final Logger log = LoggerFactory.getLogger(InstancesIT.class);
    private static final Duration WAIT = Duration.ofSeconds(90);

    static GraphEmulator graph;
    static TokenBrokerDouble tokens;
    static TopicRecorder topics;

    @BeforeAll
    static void startTheNeighbours() {
        graph = GraphFixtures.emulator().build().start();
        tokens = TokenBrokerDouble.start(graph);
        topics = TopicRecorder.start();
    }

    @AfterAll
    static void stopTheNeighbours() {
        topics.close();
        tokens.close();
        graph.close();
    }

    @AfterEach
    void clearFaults() {
        graph.clearFaults();
        graph.clearNotificationFaults();
    }

    @Test
    void publishesEveryMailAtLeastOnceWhenStoppedInTheMiddleOfABurstAndStartedAgain() {
        int port = freePort();
        String mailbox = GraphFixtures.newMailbox(graph, "restart");
        String connection = connection();

        ConfigurableApplicationContext first = ingestor(port, "it_instances_restart");
        ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.graphBaseUrl())
                .pushTo(webhook(port)).build());
        Harness before = harness(first, port);
        await().atMost(WAIT).until(() -> before.subscription(mailbox).isPresent() && before.firstRoundDone(connection));
        Subscription subscribed = before.subscription(mailbox).orElseThrow();
        // Slow pages, so that the stop comes while the round over the burst is running.
        graph.injectFault(Fault.delay(Duration.ofMillis(150)).always()
                .matching(Pattern.quote("/users/" + mailbox + "/") + ".*delta"));

        List<MessageView> delivered = graph.deliver(mailbox, 500, GraphFixtures::customerMail);
        await().atMost(WAIT).until(() -> before.distinct(connection) >= 60);
        first.close();
        long publishedBeforeTheStop = before.distinct(connection);

        long restarted = System.nanoTime();
        ConfigurableApplicationContext second = ingestor(port, "it_instances_restart");
        try {
            Harness after = harness(second, port);
            await().atMost(WAIT).until(() -> after.distinct(connection) >= 500);
            log.info("{} of 500 mails published before the stop; all 500 ({} records) {} ms after the restart began",
                    publishedBeforeTheStop, topics.mailReceived(connection).size(),
                    (System.nanoTime() - restarted) / 1_000_000);

            assertThat(publishedBeforeTheStop).as("mails published when the first ingestor stopped").isLessThan(500);
            assertThat(topics.mailReceived(connection)).extracting(MailReceived::internetMessageId)
                    .containsAll(delivered.stream().map(MessageView::internetMessageId).toList());
            assertThat(after.subscriptions(mailbox)).as("no second subscription after the restart").singleElement()
                    .satisfies(s -> assertThat(s.id()).isEqualTo(subscribed.id()));
        } finally {
            ConnectionRecords.publishTombstone(connection);
            second.close();
        }
    }

    @Test
    void runsEachConnectionOnOneInstanceHandsItWhatTheOtherReceivesAndMovesItWhenTheOwnerStops() {
        int portA = freePort();
        int portB = freePort();
        ConfigurableApplicationContext a = ingestor(portA, "it_instances_shared");
        ConfigurableApplicationContext b = ingestor(portB, "it_instances_shared");
        try {
            String mailbox = GraphFixtures.newMailbox(graph, "shared");
            String connection = connection();
            Harness viaA = pushedTo(a, portA, connection, mailbox);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> runs(a, connection) != runs(b, connection));
            ConfigurableApplicationContext owner = runs(a, connection) ? a : b;
            ConfigurableApplicationContext other = owner == a ? b : a;
            int otherPort = other == a ? portA : portB;
            // Renewed every 500 ms for seconds by now: a renewal keeps the epoch the lease was taken at.
            assertThat(stored(viaA, "leases", connection).get("epoch")).isEqualTo(1L);
            assertThat(stored(viaA, "deltaStates", connection).get("epoch")).isEqualTo(1L);

            // Graph's notification reaches the instance that does not run the connection.
            graph.dropNextNotifications(1);
            MessageView first = graph.deliver(mailbox, GraphFixtures.customerMail(1));
            Subscription subscription = viaA.subscription(mailbox).orElseThrow();
            long posted = System.currentTimeMillis();
            HttpResponse<String> answer = new Http(otherPort).postJson("/graph/notifications", notification(subscription));
            assertThat(answer.statusCode()).isEqualTo(202);
            MailReceived handedOver = viaA.awaitMails(connection, 1).get(0);
            long handOverMillis = topics.of(org.mailtrail.events.Topics.MAIL_RECEIVED, connection).get(0).timestamp() - posted;
            // The poll is 10 minutes away: only the handed-over notification can have brought the mail.
            assertThat(handedOver.internetMessageId()).isEqualTo(first.internetMessageId());

            // Whichever instance consumes the command, the owner carries it out.
            Commands.send(List.of(Commands.command(handedOver, Disposition.ARCHIVE)));
            await().atMost(WAIT).until(() -> !topics.results(connection, MailArchived.class).isEmpty());

            owner.close();
            await().atMost(WAIT).until(() -> runs(other, connection));
            // The subscription's URL is this test's stand-in for the load balancer: it named the stopped instance.
            graph.dropNextNotifications(1);
            graph.deliver(mailbox, GraphFixtures.customerMail(2));
            assertThat(new Http(otherPort).postJson("/graph/notifications", notification(subscription)).statusCode())
                    .isEqualTo(202);
            Harness afterTakeOver = harness(other, otherPort);
            assertThat(afterTakeOver.awaitMails(connection, 2)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(stored(afterTakeOver, "leases", connection).get("epoch")).as("taken over").isEqualTo(2L);
            assertThat(stored(afterTakeOver, "deltaStates", connection).get("epoch")).isEqualTo(2L);
            assertThat(afterTakeOver.subscriptions(mailbox)).as("still one subscription").singleElement()
                    .satisfies(s -> assertThat(s.id()).isEqualTo(subscription.id()));
            log.info("a notification at the other instance was published {} ms after it arrived", handOverMillis);
            ConnectionRecords.publishTombstone(connection);
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * An instance that another one took its connections over from while it was paused (a long GC pause, a frozen
     * node) wakes up believing it still holds their leases, as its last renewal was recent. Its first write of each
     * connection's state is refused, and it stops running the connection at once.
     */
    @Test
    void refusesTheWritesOfAnInstanceWhoseLeasesWereTakenOverWhileItWasPausedAndStopsItsConnections() {
        int port = freePort();
        // Renewed only every five minutes: within the test nothing but a refused write can tell this instance that
        // its leases are gone, as for one that was paused since its last renewal.
        Duration ttl = Duration.ofMinutes(10);
        ConfigurableApplicationContext paused = ingestor(port, "it_instances_stale", Map.of(
                "mailtrail.ingestor.ownership.lease-ttl", "10m",
                "mailtrail.ingestor.ownership.lease-renew-interval", "5m"));
        String syncing = connection();
        String disposing = connection();
        try {
            String syncingMailbox = GraphFixtures.newMailbox(graph, "stale-sync");
            String disposingMailbox = GraphFixtures.newMailbox(graph, "stale-disposition");
            Harness via = pushedTo(paused, port, syncing, syncingMailbox);
            pushedTo(paused, port, disposing, disposingMailbox);
            graph.deliver(disposingMailbox, GraphFixtures.customerMail(1));
            MailReceived mail = via.awaitMails(disposing, 1).get(0);
            // Stored as the consumer stores it; its worker is woken below, after the take-over.
            MailDispositionRequested archive = Commands.command(mail, Disposition.ARCHIVE);
            DispositionStore dispositions = paused.getBean(DispositionStore.class);
            dispositions.add(archive);

            // Another instance, whose clock says the leases expired, takes both over and claims what its workers
            // work on, as they do when they start.
            LeaseStore leases = paused.getBean(LeaseStore.class);
            Instant expiredForTheOther = Instant.now().plus(ttl).plusSeconds(60);
            long syncingEpoch = leases.acquire(syncing, "another-instance", expiredForTheOther, ttl).orElseThrow();
            long disposingEpoch = leases.acquire(disposing, "another-instance", expiredForTheOther, ttl).orElseThrow();
            paused.getBean(DeltaStateStore.class).claim(Owners.at(syncing, syncingEpoch));
            dispositions.claimPending(Owners.at(disposing, disposingEpoch));
            Document claimedState = stored(via, "deltaStates", syncing);

            // The paused instance goes on: a mail arrives for one connection, the command's worker wakes for the other.
            graph.deliver(syncingMailbox, GraphFixtures.customerMail(2));
            paused.getBean(DispositionWorkers.class).trigger(disposing);

            ConnectionSupervisor supervisor = paused.getBean(ConnectionSupervisor.class);
            await().atMost(WAIT).until(() -> supervisor.running(syncing).isEmpty()
                    && supervisor.running(disposing).isEmpty());
            assertThat(syncingEpoch).isEqualTo(2);
            assertThat(stored(via, "deltaStates", syncing)).as("the new owner's sync state").isEqualTo(claimedState);
            assertThat(stored(via, "pendingDispositions", archive.eventId().toString()))
                    .as("the command, for the new owner to settle").containsEntry("epoch", disposingEpoch);
            assertThat(refused(via, "deltaStates")).isEqualTo(1);
            assertThat(refused(via, "pendingDispositions")).isEqualTo(1);
        } finally {
            ConnectionRecords.publishTombstone(syncing);
            ConnectionRecords.publishTombstone(disposing);
            paused.close();
        }
    }

    @Test
    void keepsTheRequestsOfTwoInstancesForOneMailboxWithinOutlooksFourConcurrent() throws Exception {
        int portA = freePort();
        int portB = freePort();
        // Not calm at the start: each instance would then send one request at a time, and two could never be five.
        Map<String, Object> notCalm = Map.of("mailtrail.ingestor.graph.calm-period", "0s");
        ConfigurableApplicationContext a = ingestor(portA, "it_instances_permits", notCalm);
        ConfigurableApplicationContext b = ingestor(portB, "it_instances_permits", notCalm);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            String mailbox = GraphFixtures.newMailbox(graph, "permits");
            String connection = connection();
            Harness viaA = pushedTo(a, portA, connection, mailbox);
            graph.deliver(mailbox, GraphFixtures.customerMail(1));
            MailReceived mail = viaA.awaitMails(connection, 1).get(0);
            // Slow answers, so that every lookup is still in flight when the others are sent.
            graph.injectFault(Fault.delay(Duration.ofMillis(400)).always()
                    .matching(Pattern.quote("/users/" + mailbox + "/messages/")));
            int before = viaA.requests(mailbox).size();

            // The matcher asks for fresh links at whichever instance the load balancer picks: here, both at once.
            String link = "/internal/messages/" + connection + "/"
                    + URLEncoder.encode(mail.immutableId(), StandardCharsets.UTF_8) + "/link";
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int port = i % 2 == 0 ? portA : portB;
                answers.add(callers.submit(() -> new Http(port).get(link)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            List<RequestRecord> lookups = viaA.requests(mailbox).subList(before, viaA.requests(mailbox).size())
                    .stream().filter(r -> r.operation().equals("messages.get")).toList();
            assertThat(lookups).as("lookups Graph answered").hasSizeGreaterThanOrEqualTo(16);
            // Graph answers a fifth concurrent request for a mailbox with 429 (MailboxConcurrency).
            assertThat(lookups).as("lookups refused for a fifth concurrent request").noneMatch(r -> r.status() == 429);
            ConnectionRecords.publishTombstone(connection);
        } finally {
            callers.shutdownNow();
            a.close();
            b.close();
        }
    }

    /** A change notification as Graph sends it, with the subscription's real clientState. */
    private static String notification(Subscription subscription) {
        return """
                {"value":[{"subscriptionId":"%s","clientState":"%s","changeType":"created","tenantId":"%s"}]}"""
                .formatted(subscription.id(), subscription.clientState(), GraphFixtures.TENANT);
    }

    private static Document stored(Harness via, String collection, String id) {
        return via.mongo.getCollection(collection).find(new Document("_id", id)).first();
    }

    /** Writes the instance refused because another instance wrote the document under a newer lease epoch. */
    private static double refused(Harness via, String collection) {
        return Pattern.compile("mailtrail_stale_writes_refused_total\\{[^}]*collection=\"" + collection
                + "\"[^}]*} ([0-9.E]+)").matcher(via.prometheus()).results()
                .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
    }

    private static boolean runs(ConfigurableApplicationContext ingestor, String connection) {
        return ingestor.isActive() && ingestor.getBean(ConnectionSupervisor.class).running(connection).isPresent();
    }

    /**
     * Configures a connection that pushes to {@code ingestor} and polls only every 10 minutes, and waits for its
     * subscription and first round.
     */
    private static Harness pushedTo(ConfigurableApplicationContext ingestor, int port, String connection,
            String mailbox) {
        ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.graphBaseUrl())
                .pushTo(webhook(port)).pollEvery(Duration.ofMinutes(10)).build());
        Harness via = harness(ingestor, port);
        await().atMost(WAIT).until(() -> via.subscription(mailbox).isPresent() && via.firstRoundDone(connection));
        return via;
    }

    private static Harness harness(ConfigurableApplicationContext ingestor, int port) {
        return new Harness(graph, tokens, topics, ingestor.getBean(MongoTemplate.class), port);
    }

    private static String connection() {
        String connection = ConnectionRecords.newId("instances");
        tokens.register(connection, GraphFixtures.TENANT, GraphFixtures.CLIENT_ID, GraphFixtures.SECRET);
        return connection;
    }

    private static String webhook(int port) {
        return "http://127.0.0.1:" + port + "/graph/notifications";
    }

    private static ConfigurableApplicationContext ingestor(int port, String database) {
        return ingestor(port, database, Map.of());
    }

    private static ConfigurableApplicationContext ingestor(int port, String database, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>();
        // Small pages: the round over 500 mails takes long enough to be stopped in its middle.
        properties.put("mailtrail.ingestor.sync.page-size", 20);
        properties.putAll(more);
        return IngestorInstance.start(port, database, tokens, graph, properties);
    }

    private static int freePort() {
        return IngestorInstance.freePort();
    }
}
