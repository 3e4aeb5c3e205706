package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.graph.NotificationCertificates;
import org.mailtrail.ingestor.sync.domain.MailMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * mail-ingestor with a notification key store, on the real broker and MongoDB server and the graph-emulator's rich
 * notifications: subscriptions include the mail, and a delivered mail is published from its notification without a
 * request to the mailbox. Instances are Spring contexts in this JVM, as in {@link InstancesIT}; Graph's deliveries come
 * through a {@link NotificationRelay}, as through a load balancer, which lets a test choose the instance they reach
 * and change one on its way. Every test works on a mailbox and a connection of its own.
 */
class RichNotificationsIT {

    private static final Logger log = LoggerFactory.getLogger(RichNotificationsIT.class);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DATABASE = "it_rich_notifications";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static GraphEmulator graph;
    static TokenBrokerDouble tokens;
    static TopicRecorder topics;
    static Path keystore;
    static int port;
    static ConfigurableApplicationContext ingestor;
    static NotificationRelay relay;

    @BeforeAll
    static void startTheNeighboursAndAnIngestorWithAKeyStore() throws IOException {
        graph = GraphFixtures.emulator().build().start();
        tokens = TokenBrokerDouble.start(graph);
        topics = TopicRecorder.start();
        keystore = Files.createTempDirectory("rich-notifications").resolve("notifications.p12");
        Keystores.add(keystore, "notifications-2026", 2048, "-10d");
        port = freePort();
        ingestor = ingestor(port);
        relay = NotificationRelay.to(port);
    }

    @AfterAll
    static void stopEverything() {
        relay.close();
        ingestor.close();
        topics.close();
        tokens.close();
        graph.close();
    }

    @AfterEach
    void deliverUnchanged() {
        relay.change(body -> body);
        relay.pointTo(port);
        graph.clearNotificationFaults();
    }

    @Test
    void subscribesForTheMailWithTheSelectOfADeltaRoundAndPublishesADeliveredMailFromItsNotificationAlone() {
        String mailbox = GraphFixtures.newMailbox(graph, "rich");
        String connection = connection();
        Harness it = pushedThroughTheRelay(ingestor, port, connection, mailbox);

        Subscription subscription = it.subscription(mailbox).orElseThrow();
        String certificate = ingestor.getBean(NotificationCertificates.class).newest().orElseThrow().id();
        assertThat(subscription.includeResourceData()).isTrue();
        assertThat(subscription.encryptionCertificateId()).isEqualTo(certificate);
        assertThat(subscription.resource()).endsWith("/messages?$select=" + String.join(",", MailMapper.SELECT));
        assertThat(subscription.immutableIds()).isTrue();
        Document stored = stored(it, "subscriptions", connection);
        assertThat(stored.getBoolean("includeResourceData")).isTrue();
        assertThat(stored.getString("encryptionCertificateId")).isEqualTo(certificate);
        int requestsBefore = quiet(it, mailbox);
        double publishedBefore = rich(it, "published");

        long delivered = System.currentTimeMillis();
        MessageView mail = graph.deliver(mailbox, GraphFixtures.customerMail(1));

        MailReceived published = it.awaitMails(connection, 1).get(0);
        long latency = topics.of(Topics.MAIL_RECEIVED, connection).get(0).timestamp() - delivered;
        assertThat(published.eventId()).as("the event id a delta round gives the message")
                .isEqualTo(EventIds.of(MailReceived.TYPE, connection, mail.internetMessageId(), mail.immutableId()));
        assertThat(published.immutableId()).isEqualTo(mail.immutableId());
        assertThat(published.messageId()).isEqualTo(mail.id());
        assertThat(published.webLink()).isEqualTo(mail.webLink());
        assertThat(published.conversationId()).isEqualTo(mail.conversationId());
        assertThat(published.sender().address()).isEqualTo("assistant@fabrikam.example");
        assertThat(published.from().address()).isEqualTo("j.smith@fabrikam.example");
        assertThat(published.toRecipients()).extracting(r -> r.address()).containsExactly("anna.berger@contoso.com");
        assertThat(published.ccRecipients()).extracting(r -> r.address()).containsExactly("lars.holm@contoso.com");
        assertThat(published.subject()).isEqualTo("Order 1");
        assertThat(published.bodyPreview()).isEqualTo("Please confirm order 1.");
        assertThat(published.receivedDateTime()).isNotNull();
        long nextDelivered = System.currentTimeMillis();
        graph.deliver(mailbox, GraphFixtures.customerMail(11));
        it.awaitMails(connection, 2);
        long nextLatency = topics.of(Topics.MAIL_RECEIVED, connection).get(1).timestamp() - nextDelivered;
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> it.requests(mailbox).size() == requestsBefore);
        assertThat(rich(it, "published")).isEqualTo(publishedBefore + 2);
        log.info("rich notifications: published {} ms (the first of the test) and {} ms (the second) after delivery, "
                + "0 requests to the mailbox", latency, nextLatency);
        ConnectionRecords.publishTombstone(connection);
    }

    @Test
    void fallsBackToADeltaRoundForANotificationChangedOnItsWayAndPublishesTheMailOnce() {
        String mailbox = GraphFixtures.newMailbox(graph, "tampered");
        String connection = connection();
        Harness it = pushedThroughTheRelay(ingestor, port, connection, mailbox);
        quiet(it, mailbox);
        long roundsBefore = it.deltaRounds(mailbox);
        double mismatchesBefore = rich(it, "signature_mismatch");
        relay.change(RichNotificationsIT::tamperedWith);

        MessageView mail = graph.deliver(mailbox, GraphFixtures.customerMail(2));

        assertThat(it.awaitMails(connection, 1)).extracting(MailReceived::eventId).containsExactly(
                EventIds.of(MailReceived.TYPE, connection, mail.internetMessageId(), mail.immutableId()));
        assertThat(it.deltaRounds(mailbox)).as("the round that read it instead").isGreaterThan(roundsBefore);
        assertThat(rich(it, "signature_mismatch")).isEqualTo(mismatchesBefore + 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> topics.mailReceived(connection).size() == 1);
        ConnectionRecords.publishTombstone(connection);
    }

    /**
     * The safety-net round reads what arrived since the last deltaLink again, notifications or not: a mail still in
     * the folder comes again under the event id its notification gave it, one moved out since comes not at all.
     */
    @Test
    void aRoundAfterwardsRepeatsAMailStillInTheFolderUnderItsEventIdAndNothingOfOneMovedOut() {
        String mailbox = GraphFixtures.newMailbox(graph, "rich-round");
        String connection = connection();
        Harness it = pushedThroughTheRelay(ingestor, port, connection, mailbox);
        quiet(it, mailbox);
        MessageView archived = graph.deliver(mailbox, GraphFixtures.customerMail(5));
        MessageView left = graph.deliver(mailbox, GraphFixtures.customerMail(6));
        it.awaitMails(connection, 2);
        graph.move(mailbox, archived.immutableId(), "archive");
        long roundsBefore = it.deltaRounds(mailbox);

        graph.sendLifecycleNotification(it.subscription(mailbox).orElseThrow().id(), LifecycleEvent.missed);

        await().atMost(WAIT).until(() -> it.deltaRounds(mailbox) > roundsBefore && it.firstRoundDone(connection));
        quiet(it, mailbox);
        List<MailReceived> published = topics.mailReceived(connection);
        assertThat(published).filteredOn(m -> m.immutableId().equals(left.immutableId())).hasSize(2)
                .extracting(MailReceived::eventId).containsOnly(
                        EventIds.of(MailReceived.TYPE, connection, left.internetMessageId(), left.immutableId()));
        assertThat(published).filteredOn(m -> m.immutableId().equals(archived.immutableId())).hasSize(1);
        assertThat(published).hasSize(3).extracting(MailReceived::eventId).as("one event id per message")
                .containsOnly(EventIds.of(MailReceived.TYPE, connection, left.internetMessageId(), left.immutableId()),
                        EventIds.of(MailReceived.TYPE, connection, archived.internetMessageId(), archived.immutableId()));
        ConnectionRecords.publishTombstone(connection);
    }

    @Test
    void publishesTheMailOfANotificationThatReachesTheOtherInstanceOnTheInstanceThatRunsTheConnection() {
        int otherPort = freePort();
        ConfigurableApplicationContext other = ingestor(otherPort);
        try {
            String mailbox = GraphFixtures.newMailbox(graph, "rich-shared");
            String connection = connection();
            Harness viaFirst = pushedThroughTheRelay(ingestor, port, connection, mailbox);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> runs(ingestor, connection) != runs(other, connection));
            boolean firstRuns = runs(ingestor, connection);
            int ownerPort = firstRuns ? port : otherPort;
            int notOwnerPort = firstRuns ? otherPort : port;
            Harness owner = harness(firstRuns ? ingestor : other, ownerPort);
            Harness notOwner = harness(firstRuns ? other : ingestor, notOwnerPort);
            // Graph's notification reaches the instance that does not run the connection.
            relay.pointTo(notOwnerPort);
            int requestsBefore = quiet(viaFirst, mailbox);
            double handedOverBefore = rich(notOwner, "handed_over");
            double publishedBefore = rich(owner, "published");

            long delivered = System.currentTimeMillis();
            MessageView mail = graph.deliver(mailbox, GraphFixtures.customerMail(3));

            assertThat(viaFirst.awaitMails(connection, 1)).extracting(MailReceived::immutableId)
                    .containsExactly(mail.immutableId());
            long latency = topics.of(Topics.MAIL_RECEIVED, connection).get(0).timestamp() - delivered;
            assertThat(rich(notOwner, "handed_over")).isEqualTo(handedOverBefore + 1);
            assertThat(rich(owner, "published")).isEqualTo(publishedBefore + 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> viaFirst.requests(mailbox).size() == requestsBefore);
            log.info("rich notification at the other instance: published by the owner {} ms after delivery, 0 requests "
                    + "to the mailbox", latency);
            ConnectionRecords.publishTombstone(connection);
        } finally {
            other.close();
        }
    }

    @Test
    void renewsTheSubscriptionWithACertificateAddedToTheKeyStoreAndReadsTheMailEncryptedForIt() {
        String mailbox = GraphFixtures.newMailbox(graph, "rotation");
        String connection = connection();
        Harness it = pushedThroughTheRelay(ingestor, port, connection, mailbox);
        String before = it.subscription(mailbox).orElseThrow().encryptionCertificateId();
        String rotated = "notifications-" + System.nanoTime();

        Keystores.rotate(keystore, rotated);

        await().atMost(WAIT).until(() -> rotated.equals(it.subscription(mailbox).orElseThrow().encryptionCertificateId()));
        assertThat(it.subscriptions(mailbox)).as("the same subscription, renewed").singleElement()
                .satisfies(s -> assertThat(s.encryptionCertificateId()).isNotEqualTo(before));
        await().atMost(WAIT).until(() -> rotated.equals(stored(it, "subscriptions", connection)
                .getString("encryptionCertificateId")));
        int requestsBefore = quiet(it, mailbox);
        MessageView mail = graph.deliver(mailbox, GraphFixtures.customerMail(4));

        assertThat(it.awaitMails(connection, 1)).extracting(MailReceived::immutableId).containsExactly(mail.immutableId());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> it.requests(mailbox).size() == requestsBefore);
        ConnectionRecords.publishTombstone(connection);
    }

    /** Flips a bit of the encrypted content of every item, as someone on the path could. */
    private static String tamperedWith(String delivery) {
        JsonNode node = JSON.readTree(delivery);
        for (JsonNode item : node.path("value")) {
            if (item.path("encryptedContent").isObject()) {
                ObjectNode content = (ObjectNode) item.get("encryptedContent");
                byte[] data = Base64.getDecoder().decode(content.get("data").asString());
                data[data.length / 2] ^= 0x01;
                content.put("data", Base64.getEncoder().encodeToString(data));
            }
        }
        return JSON.writeValueAsString(node);
    }

    /**
     * Configures a connection whose notifications come through the relay and that polls only every 10 minutes, and
     * waits for its subscription and first round.
     */
    private static Harness pushedThroughTheRelay(ConfigurableApplicationContext instance, int instancePort,
            String connection, String mailbox) {
        ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.graphBaseUrl())
                .authority(graph.authorityHost()).pushTo(relay.notificationUrl()).pollEvery(Duration.ofMinutes(10))
                .build());
        Harness via = harness(instance, instancePort);
        await().atMost(WAIT).until(() -> via.subscription(mailbox).isPresent() && via.firstRoundDone(connection)
                && via.mongo.getCollection("subscriptions").countDocuments(new Document("_id", connection)) > 0);
        return via;
    }

    /** Waits until no request for the mailbox has come for a second (the first round is over), and counts them. */
    private static int quiet(Harness it, String mailbox) {
        int[] requests = {-1};
        await().pollInterval(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
            int now = it.requests(mailbox).size();
            boolean quiet = now == requests[0];
            requests[0] = now;
            return quiet;
        });
        return requests[0];
    }

    /** The instance's count of rich notification items with that outcome. */
    private static double rich(Harness via, String outcome) {
        return Pattern.compile("mailtrail_rich_notifications_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.E]+)")
                .matcher(via.prometheus()).results().mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
    }

    private static Document stored(Harness via, String collection, String id) {
        return via.mongo.getCollection(collection).find(new Document("_id", id)).first();
    }

    private static boolean runs(ConfigurableApplicationContext instance, String connection) {
        return instance.isActive() && instance.getBean(ConnectionSupervisor.class).running(connection).isPresent();
    }

    private static Harness harness(ConfigurableApplicationContext instance, int instancePort) {
        return new Harness(graph, tokens, topics, instance.getBean(MongoTemplate.class), instancePort);
    }

    private static String connection() {
        String connection = ConnectionRecords.newId("rich");
        tokens.register(connection, GraphFixtures.TENANT, GraphFixtures.CLIENT_ID, GraphFixtures.SECRET);
        return connection;
    }

    private static ConfigurableApplicationContext ingestor(int instancePort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("mailtrail.ingestor.notifications.keystore", keystore.toString());
        properties.put("mailtrail.ingestor.notifications.keystore-password", Keystores.PASSWORD);
        // A rotated certificate reaches the subscriptions within a second.
        properties.put("mailtrail.ingestor.subscriptions.check-interval", "1s");
        return IngestorInstance.start(instancePort, DATABASE, tokens, graph, properties);
    }

    private static int freePort() {
        return IngestorInstance.freePort();
    }
}
