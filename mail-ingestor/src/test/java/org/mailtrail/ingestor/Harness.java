package org.mailtrail.ingestor;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the ingestor's ITs do over and over: start a connection the way config-service would and wait until it
 * runs, wait for mail on the topic, look at the emulator and the ingestor's documents.
 */
final class Harness {

    static final Duration WAIT = Duration.ofSeconds(30);

    final GraphEmulator graph;
    final TokenBrokerDouble tokens;
    final TopicRecorder topics;
    final MongoTemplate mongo;
    final Http http;
    final int port;
    private final List<String> connections = new java.util.ArrayList<>();

    Harness(GraphEmulator graph, TokenBrokerDouble tokens, TopicRecorder topics, MongoTemplate mongo, int port) {
        this.graph = graph;
        this.tokens = tokens;
        this.topics = topics;
        this.mongo = mongo;
        this.port = port;
        this.http = new Http(port);
    }

    String notificationUrl() {
        return "http://127.0.0.1:" + port + "/graph/notifications";
    }

    /** A new connection that Graph pushes for, once it is subscribed and its first round is done. */
    String pushConnection(String mailbox, UnaryOperator<ConnectionRecords.Builder> settings) {
        String connectionId = ConnectionRecords.newId("push");
        connections.add(connectionId);
        tokens.register(connectionId, GraphFixtures.TENANT, GraphFixtures.CLIENT_ID, GraphFixtures.SECRET);
        ConnectionRecords.publish(settings.apply(ConnectionRecords.aConnection(connectionId, mailbox)
                .graph(graph.graphBaseUrl()).pushTo(notificationUrl())).build());
        // Graph shows the subscription as soon as it made it; the ingestor knows it once it stored it, and only
        // then can it tell a forged notification from one of a subscription it does not know.
        await().atMost(WAIT).until(() -> subscription(mailbox).isPresent() && firstRoundDone(connectionId)
                && mongo.getCollection("subscriptions").countDocuments(new Document("_id", connectionId)) > 0);
        return connectionId;
    }

    String pushConnection(String mailbox) {
        return pushConnection(mailbox, UnaryOperator.identity());
    }

    /** A new connection that runs on polling alone, once its first round is done. */
    String pollingConnection(String mailbox, UnaryOperator<ConnectionRecords.Builder> settings) {
        String connectionId = ConnectionRecords.newId("poll");
        connections.add(connectionId);
        tokens.register(connectionId, GraphFixtures.TENANT, GraphFixtures.CLIENT_ID, GraphFixtures.SECRET);
        ConnectionRecords.publish(settings.apply(ConnectionRecords.aConnection(connectionId, mailbox)
                .graph(graph.graphBaseUrl())).build());
        await().atMost(WAIT).until(() -> firstRoundDone(connectionId));
        return connectionId;
    }

    /** Publishes a tombstone for every connection this harness started. */
    void deleteConnections() {
        connections.forEach(ConnectionRecords::publishTombstone);
        connections.clear();
    }

    boolean firstRoundDone(String connectionId) {
        Document state = mongo.getCollection("deltaStates").find(new Document("_id", connectionId)).first();
        return state != null && Boolean.TRUE.equals(state.getBoolean("roundComplete"));
    }

    Optional<Subscription> subscription(String mailbox) {
        return graph.subscriptions().stream().filter(s -> s.mailboxAddress().equalsIgnoreCase(mailbox)).findFirst();
    }

    List<Subscription> subscriptions(String mailbox) {
        return graph.subscriptions().stream().filter(s -> s.mailboxAddress().equalsIgnoreCase(mailbox)).toList();
    }

    /** Waits until the connection has published this many distinct mails, and returns them. */
    List<MailReceived> awaitMails(String connectionId, int count) {
        await().atMost(WAIT).until(() -> distinct(connectionId) >= count);
        return topics.mailReceived(connectionId);
    }

    long distinct(String connectionId) {
        return topics.mailReceived(connectionId).stream().map(MailReceived::internetMessageId).distinct().count();
    }

    /** Graph requests the emulator answered for a mailbox. */
    List<RequestRecord> requests(String mailbox) {
        String address = mailbox.toLowerCase(Locale.ROOT);
        return graph.requestLog().stream().filter(r -> r.mailbox() != null && r.mailbox().equalsIgnoreCase(address))
                .toList();
    }

    /** Delta rounds started for a mailbox: the delta requests that are not a later page of a round. */
    long deltaRounds(String mailbox) {
        return requests(mailbox).stream()
                .filter(r -> r.operation().equals("messages.delta") && !r.path().contains("skiptoken")).count();
    }

    String prometheus() {
        return http.get("/actuator/prometheus", Tokens.metrics()).body();
    }
}
