package org.mailtrail.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.ingestor.GraphFixtures.customerMail;
import static org.mailtrail.ingestor.GraphFixtures.newMailbox;
import static org.mailtrail.ingestor.Harness.WAIT;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.emulator.mailbox.DeltaQuirks;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.emulator.subscription.SubscriptionService;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.store.LeaseStore;
import org.mailtrail.ingestor.disposition.domain.PendingDisposition;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.ingestor.subscription.store.SubscriptionStore;
import org.mailtrail.ingestor.subscription.domain.ClientStates;
import org.mailtrail.ingestor.sync.domain.DeltaState;
import org.mailtrail.ingestor.sync.store.DeltaStateStore;
import org.mailtrail.platform.graph.MailboxPermits;
import org.mailtrail.platform.graph.MailboxPermitsProperties;
import org.mailtrail.platform.graph.MongoMailboxPermits;
import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.BindingConfigurationContract;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.KafkaTopicProbe;
import org.mailtrail.testsupport.security.Allowed;
import org.mailtrail.testsupport.security.AuthorizationMatrix;
import org.mailtrail.testsupport.security.TestIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

import com.mongodb.client.MongoClient;

import tools.jackson.databind.JsonNode;

/**
 * mail-ingestor on the real broker and MongoDB server, reading mailboxes of the graph-emulator through the real
 * Graph SDK, with tokens from a stand-in of config-service's token broker. Every test works on a mailbox and a
 * connection of its own. Subscriptions live 12 s here (the emulator allows 30 s), so renewal happens within a test.
 */
@IntegrationTest(properties = {
        "mailtrail.ingestor.subscriptions.lifetime=12s",
        "mailtrail.ingestor.subscriptions.renew-before=7s",
        "mailtrail.ingestor.subscriptions.check-interval=1s",
        "mailtrail.ingestor.sync.retry-delay=1s",
        "mailtrail.ingestor.dispositions.retry-delay=1s",
        "mailtrail.ingestor.webhook.max-body-size=256KB" })
@TestExecutionListeners(listeners = ClosesContextAfterOutermostClass.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class MailIngestorApplicationIT implements ActuatorEndpointsContract, BindingConfigurationContract {

    private static final Logger log = LoggerFactory.getLogger(MailIngestorApplicationIT.class);

    /**
     * One emulator for the whole class, nested groups included (a JUnit extension would start one per group,
     * while the ingestor's context, and so its Graph URL, is shared by them all).
     */
    static final GraphEmulator GRAPH = GraphFixtures.emulator().maxSubscriptionLifetime(Duration.ofSeconds(30))
            .build().start();
    static final Emulator graph = () -> GRAPH;

    static TokenBrokerDouble tokens;

    /** Reads like the extension's accessor, so the tests say {@code graph.emulator()}. */
    interface Emulator {
        GraphEmulator emulator();
    }
    static TopicRecorder topics;
    Harness it;

    @DynamicPropertySource
    static void graphAndTokenBroker(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.graph.trust-store", () -> graph.emulator().trustStorePath().toString());
        registry.add("mailtrail.graph.trust-store-password", () -> graph.emulator().trustStorePassword());
        registry.add("mailtrail.ingestor.config-service-url", () -> tokens.url());
    }

    @BeforeAll
    static void startTheNeighbours() {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
        tokens = TokenBrokerDouble.start(graph.emulator());
    }

    @AfterAll
    static void stopTheNeighbours() {
        tokens.close();
        GRAPH.close();
        if (topics != null) {
            topics.close();
            topics = null;
        }
    }

    @BeforeEach
    void harness(@LocalServerPort int port, @Autowired MongoTemplate mongo) {
        if (topics == null) {
            topics = TopicRecorder.start();
        }
        it = new Harness(graph.emulator(), tokens, topics, mongo, port);
    }

    @AfterEach
    void clearFaultsAndConnections() {
        graph.emulator().clearFaults();
        graph.emulator().clearNotificationFaults();
        // Deleted, as config-service would, so that the running connections stay those of the current test.
        it.deleteConnections();
    }

    @Nested
    class Push {

        @Test
        void publishesADeliveredMailOnItsNotificationWithoutWaitingForThePoll() {
            String mailbox = newMailbox(graph.emulator(), "push");
            // The safety-net poll is 10 minutes away: only the change notification can bring the mail in time.
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));

            long delivered = System.currentTimeMillis();
            MessageView mail = graph.emulator().deliver(mailbox, customerMail(1));

            TopicRecorder.Published published = await().atMost(WAIT).until(
                    () -> topics.of(Topics.MAIL_RECEIVED, connection), records -> !records.isEmpty()).get(0);
            log.info("push: published {} ms after delivery", published.timestamp() - delivered);
            assertThat(published.key()).isEqualTo(MailKeys.of(connection, mail.internetMessageId()));
            assertThat(published.type()).isEqualTo(MailReceived.TYPE);
        }

        @Test
        void readsAMailWhoseNotificationNamesItAsUserAtTenant() {
            String mailbox = newMailbox(graph.emulator(), "userattenant");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            graph.emulator().notificationResourceForm(SubscriptionService.ResourceForm.USER_AT_TENANT);
            try {
                MessageView mail = graph.emulator().deliver(mailbox, customerMail(2));

                assertThat(it.awaitMails(connection, 1)).extracting(MailReceived::internetMessageId)
                        .containsExactly(mail.internetMessageId());
            } finally {
                graph.emulator().notificationResourceForm(SubscriptionService.ResourceForm.USER_ID);
            }
        }

        @Test
        void publishesWhatTheMatcherNeedsWithTheSenderApartFromFromAndNoBcc() {
            String mailbox = newMailbox(graph.emulator(), "content");
            String connection = it.pushConnection(mailbox);

            MessageView delivered = graph.emulator().deliver(mailbox, customerMail(7));

            MailReceived mail = it.awaitMails(connection, 1).get(0);
            assertThat(mail.eventId()).isEqualTo(EventIds.of(MailReceived.TYPE, connection, delivered.internetMessageId(),
                    delivered.immutableId()));
            assertThat(mail.immutableId()).isEqualTo(delivered.immutableId());
            assertThat(mail.messageId()).isEqualTo(delivered.id());
            assertThat(mail.webLink()).isEqualTo(delivered.webLink());
            assertThat(mail.sender().address()).isEqualTo("assistant@fabrikam.example");
            assertThat(mail.from().address()).isEqualTo("j.smith@fabrikam.example");
            assertThat(mail.toRecipients()).extracting(r -> r.address()).containsExactly("anna.berger@contoso.com");
            assertThat(mail.ccRecipients()).extracting(r -> r.address()).containsExactly("lars.holm@contoso.com");
            assertThat(mail.subject()).isEqualTo("Order 7");
            assertThat(mail.bodyPreview()).isEqualTo("Please confirm order 7.");
            assertThat(mail.conversationId()).isEqualTo(delivered.conversationId());
            assertThat(mail.receivedDateTime()).isNotNull();
            assertThat(mail.sentDateTime()).isNotNull();
            String json = new String(KafkaTopicProbe.shared()
                    .find(Topics.MAIL_RECEIVED, MailKeys.of(connection, delivered.internetMessageId()), WAIT)
                    .orElseThrow().value(), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("crm-log@contoso.com").doesNotContainIgnoringCase("bcc");
        }

        @Test
        void stillPublishesWithinThePollIntervalWhenEveryNotificationIsDropped() {
            String mailbox = newMailbox(graph.emulator(), "dropped");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofSeconds(3)));
            long droppedBefore = graph.emulator().counters().notificationsDropped();
            graph.emulator().injectNotificationFault(new NotificationFault(NotificationFault.Action.DROP, null, null));

            long delivered = System.currentTimeMillis();
            graph.emulator().deliver(mailbox, customerMail(2));

            TopicRecorder.Published published = await().atMost(WAIT).until(
                    () -> topics.of(Topics.MAIL_RECEIVED, connection), records -> !records.isEmpty()).get(0);
            assertThat(graph.emulator().counters().notificationsDropped()).isGreaterThan(droppedBefore);
            log.info("every notification dropped: published {} ms after delivery (poll interval 3 s)",
                    published.timestamp() - delivered);
            assertThat(published.timestamp() - delivered).as("ms from delivery to publication").isLessThan(3_000 + 1_500);
        }

        @Test
        void foldsABurstOfTwoHundredMailsIntoFarFewerDeltaRoundsThanNotifications() {
            String mailbox = newMailbox(graph.emulator(), "burst");
            String connection = it.pushConnection(mailbox);
            long roundsBefore = it.deltaRounds(mailbox);
            long notificationsBefore = graph.emulator().counters().notificationsSent();

            List<MessageView> delivered = graph.emulator().deliver(mailbox, 200, GraphFixtures::customerMail);

            List<MailReceived> mails = it.awaitMails(connection, 200);
            assertThat(mails).extracting(MailReceived::internetMessageId)
                    .containsAll(delivered.stream().map(MessageView::internetMessageId).toList());
            await().atMost(WAIT).until(() -> graph.emulator().counters().notificationsSent() - notificationsBefore >= 200);
            long notifications = graph.emulator().counters().notificationsSent() - notificationsBefore;
            long rounds = it.deltaRounds(mailbox) - roundsBefore;
            log.info("burst: {} notifications, {} delta rounds, 200 mails published", notifications, rounds);
            assertThat(rounds).as("delta rounds for %s notifications", notifications).isPositive()
                    .isLessThanOrEqualTo(notifications / 10);
        }

        @Test
        void publishesEveryMailOnceThroughEmptyPagesItemsRepeatedAcrossPagesAndAnyOrder() {
            String mailbox = newMailbox(graph.emulator(), "quirks");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            graph.emulator().deltaQuirks(DeltaQuirks.ALL);
            try {
                List<MessageView> delivered = graph.emulator().deliver(mailbox, 120, GraphFixtures::customerMail);

                assertThat(it.awaitMails(connection, 120)).extracting(MailReceived::internetMessageId)
                        .containsExactlyInAnyOrderElementsOf(delivered.stream().map(MessageView::internetMessageId).toList());
                assertThat(topics.of(Topics.MAIL_RECEIVED, connection)).as("records published").hasSize(120);
            } finally {
                graph.emulator().deltaQuirks(DeltaQuirks.NONE);
            }
        }

        @Test
        void sendsBothPreferencesOnEveryPageOfARound() {
            String mailbox = newMailbox(graph.emulator(), "paging");
            graph.emulator().deliver(mailbox, 120, GraphFixtures::customerMail);

            String connection = it.pollingConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));

            assertThat(it.distinct(connection)).isEqualTo(120);
            List<RequestRecord> pages = it.requests(mailbox).stream()
                    .filter(r -> r.operation().equals("messages.delta")).toList();
            assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.status()).isEqualTo(200));
            assertThat(pages.subList(1, 3)).allSatisfy(page -> assertThat(page.path()).contains("$skiptoken="));
            assertThat(it.prometheus()).containsPattern(
                    "mailtrail_graph_requests_total\\{.*operation=\"messages.delta\".*status=\"200\".*} [1-9]");
        }
    }

    @Nested
    class Webhook {

        @Test
        void echoesTheDecodedValidationTokenAsPlainTextNeverAsHtml() {
            String token = "Validation: Testing client application reachability <script>alert(1)</script>";

            HttpResponse<String> answer = it.http.post("/graph/notifications?validationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8), "text/plain", new byte[0]);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(token);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        @Test
        void answersTheHandshakeOnTheLifecycleUrlToo() {
            HttpResponse<String> answer = it.http.post("/graph/lifecycle?validationToken=a%20b%2Bc", "text/plain",
                    new byte[0]);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("a b+c");
        }

        @Test
        void refusesADeliveryOverTheSizeLimitWith413() {
            String big = "{\"value\":[],\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";

            HttpResponse<String> answer = it.http.postJson("/graph/notifications", big);

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Http.json(answer).at("/errors/0/field").asString()).isEqualTo("body");
            assertThat(it.prometheus()).containsPattern(
                    "mailtrail_notifications_received_total\\{.*outcome=\"too_large\".*} [1-9]");
        }

        @Test
        void refusesADeliveryOfMoreThanAThousandNotificationsWith413NamingTheValue() {
            String many = "{\"value\":[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]}";
            String thousand = "{\"value\":[" + String.join(",", java.util.Collections.nCopies(1000, "{}")) + "]}";

            HttpResponse<String> refused = it.http.postJson("/graph/notifications", many);
            HttpResponse<String> taken = it.http.postJson("/graph/notifications", thousand);

            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(Http.json(refused).at("/errors/0/field").asString()).isEqualTo("value");
            assertThat(Http.json(refused).get("detail").asString()).contains("at most 1000 notifications");
            assertThat(taken.statusCode()).isEqualTo(202);
            assertThat(it.prometheus()).containsPattern(
                    "mailtrail_notifications_received_total\\{.*outcome=\"too_many\".*} [1-9]");
        }

        @Test
        void knowsTheSubscriptionsAnotherInstanceMadeOrRemovedOnceItReadsThemAgain(@Autowired SubscriptionStore store) {
            String id = UUID.randomUUID().toString();
            Document elsewhere = new Document("_id", "elsewhere-" + id).append("subscriptionId", id)
                    .append("clientStateHash", "x").append("resource", "/users/x/mailFolders('inbox')/messages");
            assertThat(store.known(id)).isEmpty();

            it.mongo.getCollection("subscriptions").insertOne(elsewhere);
            await().atMost(WAIT).until(() -> store.known(id).isPresent());
            it.mongo.getCollection("subscriptions").deleteOne(new Document("_id", "elsewhere-" + id));
            await().atMost(WAIT).until(() -> store.known(id).isEmpty());
        }

        @Test
        void refusesMalformedJsonWith400NamingTheBody() {
            HttpResponse<String> notJson = it.http.postJson("/graph/notifications", "{\"value\": [ not json");
            HttpResponse<String> noValue = it.http.postJson("/graph/lifecycle", "{\"notifications\": []}");

            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(Http.json(notJson).at("/errors/0/field").asString()).isEqualTo("body");
            assertThat(Http.json(notJson).at("/errors/0/reason").asString()).contains("not a JSON notification");
            assertThat(noValue.statusCode()).isEqualTo(400);
            assertThat(Http.json(noValue).get("detail").asString()).contains("'value'");
        }

        @Test
        void acknowledgesButDropsANotificationWithAForgedClientState() {
            String mailbox = newMailbox(graph.emulator(), "forged");
            it.pushConnection(mailbox);
            Subscription subscription = it.subscription(mailbox).orElseThrow();
            double before = counted("invalid_client_state");

            HttpResponse<String> answer = it.http.postJson("/graph/notifications",
                    notification(subscription.id(), "forged-" + subscription.clientState()));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.body()).isEmpty();
            assertThat(counted("invalid_client_state")).isEqualTo(before + 1);
        }

        @Test
        void acknowledgesButDropsAndCountsANotificationThatNamesAnotherTenant() {
            String mailbox = newMailbox(graph.emulator(), "tenant");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            Subscription subscription = it.subscription(mailbox).orElseThrow();
            // The round that follows the subscription's creation is over: no round is under way now.
            long[] requests = {-1};
            await().pollInterval(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
                long now = it.requests(mailbox).size();
                boolean quiet = now == requests[0];
                requests[0] = now;
                return quiet;
            });
            graph.emulator().dropNextNotifications(1);
            graph.emulator().deliver(mailbox, customerMail(5));
            double before = counted("wrong_tenant");

            HttpResponse<String> answer = it.http.postJson("/graph/notifications", notification(subscription.id(),
                    subscription.clientState()).replace(GraphFixtures.TENANT, "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(counted("wrong_tenant")).isEqualTo(before + 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> topics.mailReceived(connection).isEmpty());
        }

        @Test
        void acknowledgesButDropsANotificationForAnUnknownSubscription() {
            double before = counted("unknown_subscription");

            HttpResponse<String> answer = it.http.postJson("/graph/notifications",
                    notification("7f0f8a1e-0000-4000-8000-000000000000", "whatever"));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(counted("unknown_subscription")).isEqualTo(before + 1);
        }

        @Test
        void acknowledgesAValidNotificationAtOnceAndRunsTheRoundAfterwards() {
            String mailbox = newMailbox(graph.emulator(), "valid");
            String connection = it.pushConnection(mailbox);
            Subscription subscription = it.subscription(mailbox).orElseThrow();
            // Every round from now on takes 8 s: an answer that waited for one would come after it.
            long slowRounds = graph.emulator().injectFault(Fault.delay(Duration.ofSeconds(8)).always()
                    .matching(Pattern.quote("/users/" + mailbox + "/") + ".*delta"));
            graph.emulator().dropNextNotifications(1);
            graph.emulator().deliver(mailbox, customerMail(3));

            HttpResponse<String> answer = it.http.postJson("/graph/notifications",
                    notification(subscription.id(), subscription.clientState()));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(topics.mailReceived(connection)).as("published before the acknowledgement").isEmpty();
            assertThat(it.awaitMails(connection, 1)).hasSize(1);
            graph.emulator().removeFault(slowRounds);
        }

        private double counted(String outcome) {
            return Pattern.compile("mailtrail_notifications_received_total\\{[^}]*outcome=\"" + outcome
                    + "\"[^}]*type=\"change\"[^}]*} ([0-9.E]+)").matcher(it.prometheus()).results()
                    .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
        }

        private static String notification(String subscriptionId, String clientState) {
            return """
                    {"value":[{"subscriptionId":"%s","clientState":"%s","changeType":"created",
                    "resource":"Users/x/Messages/y","tenantId":"%s","resourceData":{"id":"y"}}]}"""
                    .formatted(subscriptionId, clientState, GraphFixtures.TENANT);
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void subscribesToTheInboxForCreatedMailWithImmutableIdsALifecycleUrlAndAHashedClientState() {
            String mailbox = newMailbox(graph.emulator(), "subscribed");
            String connection = it.pushConnection(mailbox);

            Subscription subscription = it.subscription(mailbox).orElseThrow();
            assertThat(subscription.resource()).isEqualTo("users/" + mailbox + "/mailFolders('inbox')/messages");
            assertThat(subscription.changeTypes()).containsExactly("created");
            assertThat(subscription.immutableIds()).isTrue();
            assertThat(subscription.notificationUrl()).isEqualTo(it.notificationUrl());
            assertThat(subscription.lifecycleNotificationUrl()).isEqualTo("http://127.0.0.1:" + it.port + "/graph/lifecycle");
            assertThat(subscription.clientState()).hasSizeGreaterThanOrEqualTo(40);
            Document stored = it.mongo.getCollection("subscriptions").find(new Document("_id", connection)).first();
            assertThat(stored.getString("subscriptionId")).isEqualTo(subscription.id());
            assertThat(stored.toJson()).doesNotContain(subscription.clientState());
            assertThat(stored.getString("clientStateHash")).isEqualTo(ClientStates.hash(subscription.clientState()));
        }

        @Test
        void sendsTheWholeSubscriptionAgainWhenItsCreationWasThrottled() {
            String mailbox = newMailbox(graph.emulator(), "throttledsub");
            Instant before = Instant.now();
            // The SDK's models send only what changed since they were last sent: a retried body would be empty.
            graph.emulator().injectFault(Fault.throttle(1).times(1).matching("^POST [^?]*/subscriptions$"));

            it.pushConnection(mailbox);

            Subscription subscription = it.subscription(mailbox).orElseThrow();
            assertThat(subscription.resource()).isEqualTo("users/" + mailbox + "/mailFolders('inbox')/messages");
            assertThat(graph.emulator().requestLog()).filteredOn(r -> r.operation().equals("subscriptions.create")
                    && !r.arrivedAt().isBefore(before)).extracting(RequestRecord::status).containsExactly(429, 201);
        }

        @Test
        void renewsTheSubscriptionBeforeItExpiresAndKeepsReceivingPush() {
            String mailbox = newMailbox(graph.emulator(), "renewed");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            Subscription first = it.subscription(mailbox).orElseThrow();

            await().atMost(WAIT).until(() -> it.subscription(mailbox)
                    .filter(s -> s.expiration().isAfter(first.expiration())).isPresent());
            await().atMost(WAIT).until(() -> Instant.now().isAfter(first.expiration().plusSeconds(1)));

            assertThat(it.subscriptions(mailbox)).singleElement()
                    .satisfies(s -> assertThat(s.id()).isEqualTo(first.id()));
            // With the poll 10 minutes away, the mail arrives by a notification of the renewed subscription.
            graph.emulator().deliver(mailbox, customerMail(4));
            await().atMost(WAIT).until(() -> topics.of(Topics.MAIL_RECEIVED, connection), records -> !records.isEmpty());
            assertThat(graph.emulator().counters().requests("subscriptions.update", 200)).isPositive();
            assertThat(it.prometheus()).containsPattern("mailtrail_subscription_expiry_seconds\\{[^}]*connection=\""
                    + connection + "\"[^}]*} [1-9]");
        }

        @Test
        void recreatesTheSubscriptionAfterGraphRemovesItAndKeepsReceivingPush() {
            String mailbox = newMailbox(graph.emulator(), "removed");
            String connection = it.pushConnection(mailbox);
            Subscription removed = graph.emulator().removeSubscription(it.subscription(mailbox).orElseThrow().id());

            await().atMost(WAIT).until(() -> it.subscription(mailbox).filter(s -> !s.id().equals(removed.id())).isPresent());
            graph.emulator().deliver(mailbox, customerMail(5));

            assertThat(it.awaitMails(connection, 1)).hasSize(1);
            assertThat(it.subscriptions(mailbox)).hasSize(1);
        }

        @Test
        void reauthorizesWhenGraphAsksAndPicksUpWhatArrivedMeanwhile() {
            String mailbox = newMailbox(graph.emulator(), "reauthorized");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            Subscription subscription = it.subscription(mailbox).orElseThrow();
            long before = graph.emulator().counters().requests("subscriptions.reauthorize", 200);

            graph.emulator().requireReauthorization(subscription.id(), true);
            graph.emulator().deliver(mailbox, customerMail(6));

            await().atMost(WAIT).until(() -> graph.emulator().counters().requests("subscriptions.reauthorize", 200) > before);
            assertThat(it.awaitMails(connection, 1)).hasSize(1);
            graph.emulator().deliver(mailbox, customerMail(7));
            assertThat(it.awaitMails(connection, 2)).hasSize(2);
        }

        @Test
        void catchesUpAfterAMissedNotification() {
            String mailbox = newMailbox(graph.emulator(), "missed");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            graph.emulator().dropNextNotifications(1);
            graph.emulator().deliver(mailbox, customerMail(8));

            graph.emulator().sendLifecycleNotification(it.subscription(mailbox).orElseThrow().id(), LifecycleEvent.missed);

            assertThat(it.awaitMails(connection, 1)).hasSize(1);
        }

        @Test
        void publishesEveryMailAfterTheDeltaTokenWasEvicted() {
            String mailbox = newMailbox(graph.emulator(), "evicted");
            String connection = it.pushConnection(mailbox);
            List<MessageView> before = graph.emulator().deliver(mailbox, 3, GraphFixtures::customerMail);
            it.awaitMails(connection, 3);

            graph.emulator().evictDeltaTokens(mailbox);
            List<MessageView> after = graph.emulator().deliver(mailbox, 2, n -> customerMail(100 + n));

            List<MailReceived> mails = it.awaitMails(connection, 5);
            assertThat(mails).extracting(MailReceived::internetMessageId).containsAll(
                    IntStream.range(0, 5).mapToObj(i -> (i < 3 ? before.get(i) : after.get(i - 3)).internetMessageId())
                            .toList());
            assertThat(it.requests(mailbox)).anySatisfy(r -> assertThat(r.status()).isEqualTo(410));
            assertThat(it.prometheus()).containsPattern("mailtrail_delta_rounds_total\\{[^}]*outcome=\"resynced\"[^}]*} [1-9]");
        }

        @Test
        void publishesEachCopyOfAMailDeliveredTwiceAsAFactOfItsOwnAndARepeatOfACopyUnderItsFirstEventId() {
            String mailbox = newMailbox(graph.emulator(), "copies");
            String connection = it.pushConnection(mailbox);
            Mail mail = customerMail(40);
            MessageView first = graph.emulator().deliver(mailbox, mail);
            MessageView second = graph.emulator().deliver(mailbox, mail);
            await().atMost(WAIT).until(() -> eventIdsByCopy(connection).size() == 2);

            // Read again from the start: each copy comes again, under the event id it had.
            graph.emulator().evictDeltaTokens(mailbox);
            graph.emulator().deliver(mailbox, customerMail(41));
            await().atMost(WAIT).until(() -> topics.mailReceived(connection).stream()
                    .filter(m -> m.immutableId().equals(second.immutableId())).count() >= 2);

            Map<String, Set<UUID>> eventIds = eventIdsByCopy(connection);
            assertThat(eventIds.keySet()).contains(first.immutableId(), second.immutableId());
            assertThat(eventIds.get(first.immutableId())).hasSize(1);
            assertThat(eventIds.get(second.immutableId())).hasSize(1).doesNotContainAnyElementsOf(
                    eventIds.get(first.immutableId()));
            assertThat(topics.mailReceived(connection))
                    .filteredOn(m -> Set.of(first.immutableId(), second.immutableId()).contains(m.immutableId()))
                    .extracting(MailReceived::internetMessageId).containsOnly(mail.internetMessageId());
            assertThat(topics.of(Topics.MAIL_RECEIVED, connection)).extracting(TopicRecorder.Published::key)
                    .contains(MailKeys.of(connection, mail.internetMessageId()));
        }

        private Map<String, Set<UUID>> eventIdsByCopy(String connection) {
            return topics.mailReceived(connection).stream().collect(Collectors.groupingBy(MailReceived::immutableId,
                    Collectors.mapping(MailReceived::eventId, Collectors.toSet())));
        }
    }

    @Nested
    class Connections {

        @Test
        void runsADelegatedConnectionOnPollingAloneWithoutASubscription() {
            String mailbox = newMailbox(graph.emulator(), "delegated");
            String connection = it.pollingConnection(mailbox, c -> c.delegated().pushTo(it.notificationUrl())
                    .pollEvery(Duration.ofSeconds(2)));

            graph.emulator().deliver(mailbox, customerMail(9));

            assertThat(it.awaitMails(connection, 1)).hasSize(1);
            assertThat(it.subscriptions(mailbox)).isEmpty();
        }

        @Test
        void deletesTheSubscriptionAndStopsReadingWhenTheConnectionIsDisabled() {
            String mailbox = newMailbox(graph.emulator(), "disabled");
            String connection = it.pushConnection(mailbox);

            ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.emulator().graphBaseUrl())
                    .pushTo(it.notificationUrl()).revision(2).disabled().build());

            await().atMost(WAIT).until(() -> it.subscriptions(mailbox).isEmpty());
            graph.emulator().deliver(mailbox, customerMail(10));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> topics.mailReceived(connection).isEmpty());
        }

        @Test
        void deletesTheSubscriptionAndTheStateWhenTheConnectionIsDeleted() {
            String mailbox = newMailbox(graph.emulator(), "deleted");
            String connection = it.pushConnection(mailbox);

            ConnectionRecords.publishTombstone(connection);

            await().atMost(WAIT).until(() -> it.subscriptions(mailbox).isEmpty());
            await().atMost(WAIT).until(() -> it.mongo.getCollection("connections")
                    .countDocuments(new Document("_id", connection)) == 0);
            await().atMost(WAIT).until(() -> it.mongo.getCollection("deltaStates")
                    .countDocuments(new Document("_id", connection)) == 0);
            assertThat(it.mongo.getCollection("subscriptions").countDocuments(new Document("_id", connection))).isZero();
        }

        @Test
        void ignoresARevisionOlderThanTheOneItRuns() {
            String mailbox = newMailbox(graph.emulator(), "stale");
            String connection = it.pushConnection(mailbox, c -> c.revision(5));

            ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.emulator().graphBaseUrl())
                    .pushTo(it.notificationUrl()).revision(4).disabled().build());
            await().atMost(WAIT).until(() -> it.prometheus().matches(
                    "(?s).*mailtrail_connections_changes_total\\{[^}]*change=\"stale\"[^}]*} [1-9].*"));
            graph.emulator().deliver(mailbox, customerMail(11));

            assertThat(it.awaitMails(connection, 1)).hasSize(1);
            assertThat(it.subscriptions(mailbox)).hasSize(1);
        }

        @Test
        void deadLettersAConnectionRecordItCannotReadWithTheReason() {
            KafkaTopicProbe.shared().send(Topics.CONNECTIONS, "broken-connection",
                    ConnectionRecords.bytes("{\"connectionId\":\"broken-connection\",\"enabled\":true}"),
                    java.util.Map.of("ce_type", "org.mailtrail.config.ConnectionConfigured.v1",
                            "content-type", "application/json"));

            var dead = KafkaTopicProbe.shared().find(Topics.deadLetter(Topics.CONNECTIONS, "mail-ingestor"),
                    "broken-connection", WAIT).orElseThrow();
            assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("not a valid ConnectionConfigured");
        }

        @Test
        void keepsOneMailboxFastWhileAnotherWaitsOutItsRetryAfter() {
            String slowBox = newMailbox(graph.emulator(), "throttled");
            String fastBox = newMailbox(graph.emulator(), "unaffected");
            String slow = it.pushConnection(slowBox);
            String fast = it.pushConnection(fastBox, c -> c.pollEvery(Duration.ofMinutes(10)));
            long fault = graph.emulator().injectFault(Fault.throttle(4).always()
                    .matching(Pattern.quote("/users/" + slowBox + "/")));

            graph.emulator().deliver(slowBox, customerMail(12));
            graph.emulator().deliver(fastBox, customerMail(13));

            await().atMost(WAIT).until(() -> topics.of(Topics.MAIL_RECEIVED, fast), records -> !records.isEmpty());
            assertThat(topics.mailReceived(slow)).as("the throttled mailbox's mail").isEmpty();
            graph.emulator().removeFault(fault);
            assertThat(it.awaitMails(slow, 1)).hasSize(1);
            assertThat(it.requests(slowBox)).noneSatisfy(r -> assertThat(r.earlyRetry()).isTrue());
        }
    }

    @Nested
    class Dispositions {

        /**
         * {@code count} mails received, and an ARCHIVE command for each stored while the connection is disabled:
         * once it is enabled again, they are all waiting, so how they are batched does not depend on how fast this
         * machine stores them.
         */
        private List<MailReceived> archiveCommandsWaitingWhileDisabled(String mailbox, String connection, int count) {
            graph.emulator().deliver(mailbox, count, GraphFixtures::customerMail);
            List<MailReceived> mails = it.awaitMails(connection, count);
            ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox)
                    .graph(graph.emulator().graphBaseUrl()).pushTo(it.notificationUrl()).revision(2).disabled().build());
            await().atMost(WAIT).until(() -> it.subscriptions(mailbox).isEmpty());
            Commands.send(mails.stream().map(m -> Commands.command(m, Disposition.ARCHIVE)).toList());
            await().atMost(WAIT).until(() -> it.mongo.getCollection("dispositions")
                    .countDocuments(new Document("connectionId", connection)) == count);
            return mails;
        }

        private void enableAgain(String mailbox, String connection) {
            ConnectionRecords.publish(ConnectionRecords.aConnection(connection, mailbox).graph(graph.emulator().graphBaseUrl())
                    .pushTo(it.notificationUrl()).pollEvery(Duration.ofMinutes(10)).revision(3).build());
        }

        @Test
        void archivesFortyFiveMailsInThreeBatchesWithLinksThatOpenTheArchivedMessages() {
            String mailbox = newMailbox(graph.emulator(), "archive");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            List<MailReceived> mails = archiveCommandsWaitingWhileDisabled(mailbox, connection, 45);
            long batchesBefore = graph.emulator().counters().requests("batch", 200);

            long enabled = System.nanoTime();
            enableAgain(mailbox, connection);

            await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() >= 45);
            log.info("45 ARCHIVE commands: {} $batch calls, all MailArchived published {} ms after the connection was enabled",
                    graph.emulator().counters().requests("batch", 200) - batchesBefore, (System.nanoTime() - enabled) / 1_000_000);
            List<MailArchived> archived = topics.results(connection, MailArchived.class);
            assertThat(archived).extracting(MailArchived::internetMessageId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(mails.stream().map(MailReceived::internetMessageId).toList());
            assertThat(graph.emulator().counters().requests("batch", 200) - batchesBefore).isEqualTo(3);
            assertThat(archived).allSatisfy(result -> {
                MessageView now = graph.emulator().message(mailbox, result.immutableId()).orElseThrow();
                assertThat(now.folder()).isEqualTo("archive");
                assertThat(result.webLink()).isEqualTo(now.webLink());
                assertThat(result.messageId()).isEqualTo(now.id());
                assertThat(result.folder()).isEqualTo("archive");
            });
            assertThat(archived.get(0).webLink()).isNotEqualTo(mails.stream()
                    .filter(m -> m.internetMessageId().equals(archived.get(0).internetMessageId()))
                    .findFirst().orElseThrow().webLink());
            assertThat(graph.emulator().messages(mailbox, "inbox")).isEmpty();
        }

        @Test
        void losesNothingWhenThirtyPercentOfRequestsAreThrottledAndNeverSendsBeforeTheRetryAfter() {
            String mailbox = newMailbox(graph.emulator(), "chaos");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            long earlyBefore = graph.emulator().earlyRetries();
            long batchesBefore = graph.emulator().counters().requests("batch", 200);
            long fault = graph.emulator().injectFault(Fault.throttle(1).fraction(0.3).always()
                    .matching(Pattern.quote("/users/" + mailbox + "/")));

            graph.emulator().deliver(mailbox, 45, GraphFixtures::customerMail);
            List<MailReceived> mails = it.awaitMails(connection, 45);
            Commands.send(mails.stream().map(m -> Commands.command(m, Disposition.ARCHIVE)).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> topics.results(connection, MailArchived.class).size() >= 45);
            graph.emulator().removeFault(fault);
            log.info("30 % throttled: {} of {} requests answered 429, {} $batch calls, {} sent early",
                    it.requests(mailbox).stream().filter(r -> r.status() == 429).count(), it.requests(mailbox).size(),
                    graph.emulator().counters().requests("batch", 200) - batchesBefore,
                    graph.emulator().earlyRetries() - earlyBefore);

            assertThat(topics.results(connection, MailArchived.class)).extracting(MailArchived::internetMessageId)
                    .doesNotHaveDuplicates().hasSize(45);
            assertThat(graph.emulator().messages(mailbox, "archive")).hasSize(45);
            List<RequestRecord> requests = it.requests(mailbox);
            assertThat(requests).filteredOn(r -> r.status() == 429).as("throttled requests").isNotEmpty();
            assertThat(requests).noneSatisfy(r -> assertThat(r.earlyRetry()).as("sent before Retry-After").isTrue());
            assertThat(graph.emulator().earlyRetries()).isEqualTo(earlyBefore);
            assertThat(it.prometheus()).containsPattern("mailtrail_graph_retry_after_wait_seconds_total\\{[^}]*} [1-9]")
                    .containsPattern("mailtrail_graph_requests_total\\{[^}]*status=\"429\"[^}]*} [1-9]");
        }

        @Test
        void runsAtMostFourMovesSideBySideWhileGraphThrottlesTheMailboxSoAThrottledOneSkipsNoOther() {
            String mailbox = newMailbox(graph.emulator(), "sidebyside");
            String connection = it.pushConnection(mailbox, c -> c.pollEvery(Duration.ofMinutes(10)));
            archiveCommandsWaitingWhileDisabled(mailbox, connection, 12);
            // The first move Graph runs is throttled: in the chain of twelve, the eleven behind it are skipped.
            long fault = graph.emulator().injectFault(Fault.throttle(1).times(1)
                    .matching("^POST /v1\\.0/users/" + Pattern.quote(mailbox) + "/messages/[^/]+/move"));
            long batchesBefore = graph.emulator().counters().requests("batch", 200);
            long earlyBefore = graph.emulator().earlyRetries();

            enableAgain(mailbox, connection);

            await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class).size() >= 12);
            graph.emulator().removeFault(fault);
            assertThat(topics.results(connection, MailArchived.class)).extracting(MailArchived::internetMessageId)
                    .doesNotHaveDuplicates().hasSize(12);
            assertThat(it.requests(mailbox)).filteredOn(r -> r.status() == 429).hasSize(1);
            // Then, within the calm period, the twelve go four side by side: three more batches, not one chain.
            assertThat(graph.emulator().counters().requests("batch", 200) - batchesBefore).isEqualTo(4);
            assertThat(graph.emulator().earlyRetries()).isEqualTo(earlyBefore);
        }

        @Test
        void movesUnloggedMailToDeletedItemsWhereUsersStillFindItAndReportsIt(@Autowired DispositionStore store) {
            String mailbox = newMailbox(graph.emulator(), "delete");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(20));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            MailDispositionRequested delete = Commands.command(mail, Disposition.DELETE);

            Commands.send(List.of(delete));

            MailDeleted deleted = await().atMost(WAIT).until(() -> topics.results(connection, MailDeleted.class),
                    results -> !results.isEmpty()).get(0);
            assertThat(deleted.immutableId()).isEqualTo(mail.immutableId());
            assertThat(deleted.reason()).isEqualTo("unknown sender");
            assertThat(deleted.dispositionId()).isEqualTo(delete.eventId());
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("deleteditems");
            // Moved there: Graph's DELETE would have put it out of every folder users see.
            assertThat(it.requests(mailbox)).filteredOn(RequestRecord::inBatch).extracting(RequestRecord::operation)
                    .containsExactly("messages.move");
            // The command is done, and its result, written with it, is no longer owed once the broker has it.
            Document command = await().atMost(WAIT).until(() -> it.mongo.getCollection("dispositions")
                    .find(new Document("_id", delete.eventId().toString())).first(),
                    stored -> stored != null && stored.getList("outbox", Document.class, List.of()).isEmpty());
            assertThat(command.getString("status")).isEqualTo("DONE");
            assertThat(command.getString("outcome")).isEqualTo("deleted");
            // Done, it is out of the queue of due commands, and a redelivery does not put it back.
            assertThat(pending(delete)).isZero();
            assertThat(store.add(delete)).as("redelivered after it was done").isFalse();
            assertThat(pending(delete)).isZero();
        }

        @Test
        void softDeletesIntoRecoverableItemsOrDeletesForGoodWhenTheConnectionSaysSo() {
            String softBox = newMailbox(graph.emulator(), "softdelete");
            String purgeBox = newMailbox(graph.emulator(), "purge");
            String soft = it.pushConnection(softBox, c -> c.deleteMode(DeleteMode.SOFT_DELETE));
            String purge = it.pushConnection(purgeBox, c -> c.deleteMode(DeleteMode.PERMANENT_DELETE));
            graph.emulator().deliver(softBox, customerMail(24));
            graph.emulator().deliver(purgeBox, customerMail(25));
            MailReceived softMail = it.awaitMails(soft, 1).get(0);
            MailReceived purgeMail = it.awaitMails(purge, 1).get(0);

            Commands.send(List.of(Commands.command(softMail, Disposition.DELETE), Commands.command(purgeMail, Disposition.DELETE)));

            await().atMost(WAIT).until(() -> !topics.results(soft, MailDeleted.class).isEmpty()
                    && !topics.results(purge, MailDeleted.class).isEmpty());
            assertThat(graph.emulator().messages(softBox, null)).as("visible folders").isEmpty();
            assertThat(graph.emulator().recoverableItems(softBox)).extracting(MessageView::immutableId)
                    .containsExactly(softMail.immutableId());
            assertThat(graph.emulator().messages(purgeBox, null)).isEmpty();
            assertThat(graph.emulator().recoverableItems(purgeBox)).isEmpty();
        }

        @Test
        void reportsARepeatedDeleteAsDoneWhenTheMailIsInDeletedItemsAlready() {
            // The ingestor was stopped after Graph had carried the command out and before it was recorded: it
            // is carried out again, and must not report a failure for a mail that is where it belongs.
            String mailbox = newMailbox(graph.emulator(), "redone");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(26));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            graph.emulator().move(mailbox, mail.immutableId(), "deleteditems");

            Commands.send(List.of(Commands.command(mail, Disposition.DELETE)));

            MailDeleted deleted = await().atMost(WAIT).until(() -> topics.results(connection, MailDeleted.class),
                    results -> !results.isEmpty()).get(0);
            assertThat(deleted.immutableId()).isEqualTo(mail.immutableId());
            assertThat(topics.results(connection, MailDispositionFailed.class)).isEmpty();
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("deleteditems");
        }

        @Test
        void deletesInsteadWhenTheArchiveFolderDoesNotExistAndSaysSo() {
            String mailbox = newMailbox(graph.emulator(), "noarchive");
            String connection = it.pushConnection(mailbox, c -> c.archiveFolder("Customer mail"));
            graph.emulator().deliver(mailbox, customerMail(21));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            MailDispositionRequested archive = Commands.command(mail, Disposition.ARCHIVE);

            Commands.send(List.of(archive));

            MailDispositionFailed failed = await().atMost(WAIT).until(
                    () -> topics.results(connection, MailDispositionFailed.class), results -> !results.isEmpty()).get(0);
            assertThat(failed.requested()).isEqualTo(Disposition.ARCHIVE);
            assertThat(failed.fallback()).isEqualTo(Disposition.DELETE);
            assertThat(failed.dispositionId()).isEqualTo(archive.eventId());
            assertThat(failed.reason()).isEqualTo("archive folder 'Customer mail' not found");
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("deleteditems");
        }

        @Test
        void archivesIntoAFolderNamedByItsDisplayName() {
            String mailbox = newMailbox(graph.emulator(), "named");
            graph.emulator().createFolder(mailbox, "Customers/2026");
            String connection = it.pushConnection(mailbox, c -> c.archiveFolder("Customers/2026"));
            graph.emulator().deliver(mailbox, customerMail(22));
            MailReceived mail = it.awaitMails(connection, 1).get(0);

            MailDispositionRequested archive = Commands.command(mail, Disposition.ARCHIVE);

            Commands.send(List.of(archive));

            MailArchived archived = await().atMost(WAIT).until(() -> topics.results(connection, MailArchived.class),
                    results -> !results.isEmpty()).get(0);
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("2026");
            assertThat(archived.folder()).isEqualTo("Customers/2026");
            assertThat(archived.dispositionId()).isEqualTo(archive.eventId());
        }

        @Test
        void reportsAFailureWithoutFallbackForAMessageThatIsGone() {
            String mailbox = newMailbox(graph.emulator(), "gone");
            String connection = it.pushConnection(mailbox);

            MailDispositionRequested archive = Commands.command(connection, "<gone@fabrikam.example>",
                    Commands.unknownImmutableId(), Disposition.ARCHIVE);

            Commands.send(List.of(archive));

            MailDispositionFailed failed = await().atMost(WAIT).until(
                    () -> topics.results(connection, MailDispositionFailed.class), results -> !results.isEmpty()).get(0);
            assertThat(failed.fallback()).isNull();
            assertThat(failed.reason()).contains("no longer in the mailbox");
            assertThat(failed.dispositionId()).isEqualTo(archive.eventId());
        }

        @Test
        void reportsACommandFailedOnceGraphHasRefusedItsBatchAsAWholeForEveryAttempt() {
            String mailbox = newMailbox(graph.emulator(), "refused");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(23));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            long refusedBefore = graph.emulator().counters().requests("batch", 400);
            graph.emulator().injectFault(Fault.refuse().always().matching(Pattern.quote("POST /v1.0/$batch")));

            Commands.send(List.of(Commands.command(mail, Disposition.ARCHIVE)));

            MailDispositionFailed failed = await().atMost(WAIT).until(
                    () -> topics.results(connection, MailDispositionFailed.class), results -> !results.isEmpty()).get(0);
            assertThat(failed.fallback()).isNull();
            assertThat(failed.reason()).startsWith("Graph refused the $batch as a whole: $batch answered 400")
                    .endsWith("(after 3 attempts)");
            assertThat(graph.emulator().counters().requests("batch", 400) - refusedBefore).isEqualTo(3);
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("inbox");
        }

        @Test
        void leavesAMailInPlaceAndCarriesOutARedeliveredCommandOnce() {
            String mailbox = newMailbox(graph.emulator(), "leave");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, 2, GraphFixtures::customerMail);
            List<MailReceived> mails = it.awaitMails(connection, 2);
            MailDispositionRequested archive = Commands.command(mails.get(1), Disposition.ARCHIVE);

            Commands.send(List.of(Commands.command(mails.get(0), Disposition.LEAVE), archive, archive));

            await().atMost(WAIT).until(() -> !topics.results(connection, MailArchived.class).isEmpty());
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                    .until(() -> topics.of(Topics.MAIL_ARCHIVED, connection).size() == 1);
            assertThat(graph.emulator().message(mailbox, mails.get(0).immutableId()).orElseThrow().folder()).isEqualTo("inbox");
            assertThat(it.prometheus()).containsPattern("mailtrail_dispositions_total\\{[^}]*result=\"left\"[^}]*} [1-9]")
                    .containsPattern("mailtrail_dispositions_total\\{[^}]*result=\"archived\"[^}]*} [1-9]");
        }

        @Test
        void aCommandWhosePendingCopyWasNotWrittenIsQueuedAgainByItsRedeliveryOrByTheRestore(
                @Autowired DispositionStore store) {
            MailDispositionRequested redelivered = Commands.command("queue-" + UUID.randomUUID(), "<q2@contoso.com>",
                    "immutable-q2", Disposition.DELETE);
            MailDispositionRequested restored = Commands.command(redelivered.connectionId(), "<q3@contoso.com>",
                    "immutable-q3", Disposition.DELETE);
            store.add(redelivered);
            store.add(restored);
            // As after a crash between the record and its pending copy.
            it.mongo.getCollection("pendingDispositions").deleteMany(new Document("connectionId",
                    redelivered.connectionId()));
            assertThat(store.due(Owners.at(redelivered.connectionId(), 1), 10)).isEmpty();

            assertThat(store.add(redelivered)).as("the redelivery queues it again").isTrue();
            assertThat(store.restorePending()).as("restored: only the one still without its copy").isEqualTo(1);

            assertThat(store.due(Owners.at(redelivered.connectionId(), 1), 10)).extracting(PendingDisposition::internetMessageId)
                    .containsExactlyInAnyOrder("<q2@contoso.com>", "<q3@contoso.com>");
        }

        @Test
        void aPendingCopyOfADoneCommandIsSkippedAndRemoved(@Autowired DispositionStore store) {
            MailDispositionRequested command = Commands.command("queue-" + UUID.randomUUID(), "<q4@contoso.com>",
                    "immutable-q4", Disposition.ARCHIVE);
            store.add(command);
            // As after a crash between marking the command done and removing its pending copy.
            it.mongo.getCollection("dispositions").updateOne(new Document("_id", command.eventId().toString()),
                    new Document("$set", new Document("status", "DONE")));

            assertThat(store.due(Owners.at(command.connectionId(), 1), 10)).isEmpty();
            assertThat(pending(command)).isZero();
        }

        private long pending(MailDispositionRequested command) {
            return it.mongo.getCollection("pendingDispositions")
                    .countDocuments(new Document("_id", command.eventId().toString()));
        }

        @Test
        void deadLettersARecordThatIsNotACommandWithTheReason() {
            KafkaTopicProbe.shared().send(Topics.MAIL_DISPOSITION, "poison-connection",
                    ConnectionRecords.bytes("{\"disposition\":\"ARCHIVE\"}"),
                    java.util.Map.of("ce_type", MailDispositionRequested.TYPE, "content-type", "application/json"));

            var dead = KafkaTopicProbe.shared().find(Topics.deadLetter(Topics.MAIL_DISPOSITION, "mail-ingestor"),
                    "poison-connection", WAIT).orElseThrow();
            assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("not a valid MailDispositionRequested");
        }
    }

    /** HOLD: mail the matcher may still log is moved to a folder of its own, and later deleted from there. */
    @Nested
    class Holds {

        static final String HOLD_FOLDER = "Not logged";

        private <T extends Contract> T awaitResult(String connection, Class<T> type) {
            return await().atMost(WAIT).until(() -> topics.results(connection, type), results -> !results.isEmpty())
                    .get(0);
        }

        private List<RequestRecord> requests(String mailbox, String operation) {
            return it.requests(mailbox).stream().filter(r -> r.operation().equals(operation)).toList();
        }

        @Test
        void holdsMailInAFolderItMakesAtTheTopOfTheMailboxOnceAndFindsInItsCacheAfterwards() {
            String mailbox = newMailbox(graph.emulator(), "hold");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, 2, GraphFixtures::customerMail);
            List<MailReceived> mails = it.awaitMails(connection, 2);
            MailDispositionRequested first = Commands.hold(mails.get(0), HOLD_FOLDER);

            Commands.send(List.of(first));

            MailHeld held = awaitResult(connection, MailHeld.class);
            MessageView now = graph.emulator().message(mailbox, mails.get(0).immutableId()).orElseThrow();
            assertThat(now.folder()).isEqualTo(HOLD_FOLDER);
            assertThat(held.folder()).isEqualTo(HOLD_FOLDER);
            assertThat(held.immutableId()).isEqualTo(mails.get(0).immutableId());
            assertThat(held.messageId()).isEqualTo(now.id());
            assertThat(held.webLink()).isEqualTo(now.webLink()).isNotEqualTo(mails.get(0).webLink());
            assertThat(held.dispositionId()).isEqualTo(first.eventId());

            Commands.send(List.of(Commands.hold(mails.get(1), HOLD_FOLDER)));

            await().atMost(WAIT).until(() -> topics.results(connection, MailHeld.class).size() == 2);
            assertThat(graph.emulator().messages(mailbox, HOLD_FOLDER)).extracting(MessageView::immutableId)
                    .containsExactlyInAnyOrder(mails.get(0).immutableId(), mails.get(1).immutableId());
            assertThat(requests(mailbox, "mailFolders.create")).extracting(RequestRecord::status).containsExactly(201);
            assertThat(requests(mailbox, "mailFolders.list")).as("looked up for the first HOLD only").hasSize(1);
            assertThat(it.prometheus()).containsPattern("mailtrail_dispositions_total\\{[^}]*result=\"held\"[^}]*} 2");
        }

        @Test
        void looksTheFolderUpAgainWhenAnotherInstanceMadeItWhileItsOwnCreationWasOnItsWay() {
            String mailbox = newMailbox(graph.emulator(), "holdrace");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(30));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            long slowCreation = graph.emulator().injectFault(Fault.delay(Duration.ofSeconds(3))
                    .matching("^POST /v1\\.0/users/" + Pattern.quote(mailbox) + "/mailFolders$"));

            Commands.send(List.of(Commands.hold(mail, HOLD_FOLDER)));
            // The ingestor found no folder and is making one: another instance gets there first.
            await().atMost(WAIT).until(() -> !requests(mailbox, "mailFolders.list").isEmpty());
            String madeElsewhere = graph.emulator().createFolder(mailbox, HOLD_FOLDER);

            MailHeld held = awaitResult(connection, MailHeld.class);
            graph.emulator().removeFault(slowCreation);
            assertThat(requests(mailbox, "mailFolders.create")).extracting(RequestRecord::status).containsExactly(409);
            assertThat(requests(mailbox, "mailFolders.list")).as("looked up before and after the conflict").hasSize(2);
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folderId())
                    .isEqualTo(madeElsewhere);
            assertThat(held.folder()).isEqualTo(HOLD_FOLDER);
        }

        @Test
        void softOrPermanentlyDeletesHeldMailThroughTheHoldFolderWhenTheCommandSaysItIsThere() {
            String softBox = newMailbox(graph.emulator(), "heldsoft");
            String purgeBox = newMailbox(graph.emulator(), "heldpurge");
            String soft = it.pushConnection(softBox, c -> c.deleteMode(DeleteMode.SOFT_DELETE));
            String purge = it.pushConnection(purgeBox, c -> c.deleteMode(DeleteMode.PERMANENT_DELETE));
            graph.emulator().deliver(softBox, customerMail(31));
            graph.emulator().deliver(purgeBox, customerMail(32));
            MailReceived softMail = it.awaitMails(soft, 1).get(0);
            MailReceived purgeMail = it.awaitMails(purge, 1).get(0);
            Commands.send(List.of(Commands.hold(softMail, HOLD_FOLDER), Commands.hold(purgeMail, HOLD_FOLDER)));
            awaitResult(soft, MailHeld.class);
            awaitResult(purge, MailHeld.class);
            String softHold = graph.emulator().message(softBox, softMail.immutableId()).orElseThrow().folderId();
            String purgeHold = graph.emulator().message(purgeBox, purgeMail.immutableId()).orElseThrow().folderId();
            MailDispositionRequested softDelete = Commands.deleteFrom(softMail, HOLD_FOLDER);
            MailDispositionRequested purgeDelete = Commands.deleteFrom(purgeMail, HOLD_FOLDER);

            Commands.send(List.of(softDelete, purgeDelete));

            assertThat(awaitResult(soft, MailDeleted.class).dispositionId()).isEqualTo(softDelete.eventId());
            assertThat(awaitResult(purge, MailDeleted.class).dispositionId()).isEqualTo(purgeDelete.eventId());
            assertThat(graph.emulator().messages(softBox, HOLD_FOLDER)).isEmpty();
            assertThat(graph.emulator().recoverableItems(softBox)).extracting(MessageView::immutableId)
                    .containsExactly(softMail.immutableId());
            assertThat(graph.emulator().messages(purgeBox, null)).isEmpty();
            assertThat(graph.emulator().recoverableItems(purgeBox)).isEmpty();
            assertThat(requests(softBox, "messages.delete")).singleElement()
                    .satisfies(r -> assertThat(r.path()).contains("/mailFolders/" + softHold + "/messages/"));
            assertThat(requests(purgeBox, "messages.permanentDelete")).singleElement()
                    .satisfies(r -> assertThat(r.path()).contains("/mailFolders/" + purgeHold + "/messages/"));
        }

        @Test
        void reportsADeleteFromTheHoldFolderOfMailThatIsNotThereAsFailedNamingTheFolderAndLeavesTheMailBe() {
            String mailbox = newMailbox(graph.emulator(), "notheld");
            String connection = it.pushConnection(mailbox, c -> c.deleteMode(DeleteMode.SOFT_DELETE));
            graph.emulator().createFolder(mailbox, HOLD_FOLDER);
            graph.emulator().deliver(mailbox, 2, GraphFixtures::customerMail);
            List<MailReceived> mails = it.awaitMails(connection, 2);
            MailDispositionRequested notThere = Commands.deleteFrom(mails.get(0), HOLD_FOLDER);
            MailDispositionRequested noFolder = Commands.deleteFrom(mails.get(1), "Held elsewhere");

            Commands.send(List.of(notThere, noFolder));

            await().atMost(WAIT).until(() -> topics.results(connection, MailDispositionFailed.class).size() == 2);
            Map<UUID, MailDispositionFailed> failed = topics.results(connection, MailDispositionFailed.class).stream()
                    .collect(Collectors.toMap(MailDispositionFailed::dispositionId, f -> f));
            assertThat(failed.get(notThere.eventId()).reason())
                    .isEqualTo("the message is no longer in folder 'Not logged'");
            assertThat(failed.get(noFolder.eventId()).reason())
                    .isEqualTo("the message is no longer in folder 'Held elsewhere': the mailbox has no such folder");
            assertThat(failed.values()).allSatisfy(f -> {
                assertThat(f.requested()).isEqualTo(Disposition.DELETE);
                assertThat(f.fallback()).isNull();
            });
            assertThat(graph.emulator().messages(mailbox, "inbox")).hasSize(2);
            assertThat(graph.emulator().recoverableItems(mailbox)).isEmpty();
        }

        @Test
        void keepsTheMailInTheInboxAndReportsTheHoldFailedWithoutDeletingWhenGraphRefusesTheMove() {
            String mailbox = newMailbox(graph.emulator(), "holdrefused");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(33));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            long refusal = graph.emulator().injectFault(Fault.refuse().always()
                    .matching("^POST /v1\\.0/users/" + Pattern.quote(mailbox) + "/messages/[^/]+/move"));
            MailDispositionRequested hold = Commands.hold(mail, HOLD_FOLDER);

            Commands.send(List.of(hold));

            MailDispositionFailed failed = awaitResult(connection, MailDispositionFailed.class);
            graph.emulator().removeFault(refusal);
            assertThat(failed.requested()).isEqualTo(Disposition.HOLD);
            assertThat(failed.fallback()).isNull();
            assertThat(failed.reason()).startsWith("Graph answered 400");
            assertThat(failed.dispositionId()).isEqualTo(hold.eventId());
            assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("inbox");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> topics.of(Topics.MAIL_ARCHIVED, connection).size() == 1);
        }
    }

    /**
     * The leases and the fence on each connection's state, as stores see them: what another instance does to them is
     * done here through the same stores, under another owner or epoch.
     */
    @Nested
    class Leases {

        private static final Duration TTL = Duration.ofSeconds(30);
        private final Instant start = Instant.parse("2026-12-04T10:00:00Z");

        @Test
        void takesAFreeLeaseAtEpochOneKeepsItThroughRenewalsAndRaisesItForEveryNewHolder(@Autowired LeaseStore leases) {
            String connection = ConnectionRecords.newId("lease");

            assertThat(leases.acquire(connection, "a", start, TTL)).as("taken while free").hasValue(1);
            assertThat(leases.acquire(connection, "a", start.plusSeconds(10), TTL)).as("renewed").hasValue(1);
            assertThat(leases.acquire(connection, "a", start.plusSeconds(20), TTL)).as("renewed again").hasValue(1);
            assertThat(leases.acquire(connection, "b", start.plusSeconds(49), TTL)).as("still a's until 50 s").isEmpty();
            assertThat(leases.acquire(connection, "b", start.plusSeconds(51), TTL)).as("taken once expired").hasValue(2);
            assertThat(leases.acquire(connection, "a", start.plusSeconds(52), TTL)).as("a, back from a pause").isEmpty();
            leases.release(connection, "b");
            assertThat(leases.acquire(connection, "b", start.plusSeconds(53), TTL)).as("taken again once given up")
                    .hasValue(3);
        }

        @Test
        void refusesAndCountsWritesOfTheSyncStateUnderAnOlderEpochOnceANewOwnerClaimedIt(
                @Autowired DeltaStateStore states) {
            String connection = ConnectionRecords.newId("fenced");
            DeltaState written = state("written-by-1");
            double refusedBefore = refused("deltaStates");
            states.save(Owners.at(connection, 1), written);

            states.claim(Owners.at(connection, 2));

            assertThatThrownBy(() -> states.save(Owners.at(connection, 1), state("stale")))
                    .isInstanceOf(StaleOwnerException.class).hasMessageContaining("deltaStates");
            assertThatThrownBy(() -> states.delete(Owners.at(connection, 1))).isInstanceOf(StaleOwnerException.class);
            assertThat(states.find(connection)).contains(written);
            assertThat(stored("deltaStates", connection).get("epoch")).isEqualTo(2L);
            assertThat(refused("deltaStates")).isEqualTo(refusedBefore + 2);

            states.save(Owners.at(connection, 2), state("written-by-2"));
            states.save(Owners.at(connection, 3), state("written-by-3"));
            assertThat(states.find(connection)).contains(state("written-by-3"));
            assertThat(refused("deltaStates")).isEqualTo(refusedBefore + 2);
        }

        @Test
        void letsItsOwnerWriteASyncStateStoredBeforeLeasesHadEpochs(@Autowired DeltaStateStore states) {
            String connection = ConnectionRecords.newId("unfenced");
            it.mongo.getCollection("deltaStates").insertOne(new Document("_id", connection)
                    .append("mailbox", "crm-log@contoso.com").append("folder", "inbox")
                    .append("link", "https://graph.example/delta?$deltatoken=before").append("roundComplete", true));

            states.save(Owners.at(connection, 1), state("after"));

            assertThat(states.find(connection)).contains(state("after"));
        }

        @Test
        void refusesTheBookkeepingOfACommandUnderAnOlderEpochOnceANewOwnerClaimedItsPendingCommands(
                @Autowired DispositionStore store) {
            MailDispositionRequested command = Commands.command(ConnectionRecords.newId("fenced"),
                    "<fenced-1@contoso.com>", "immutable-fenced-1", Disposition.ARCHIVE);
            String connection = command.connectionId();
            String commandId = command.eventId().toString();
            double refusedBefore = refused("pendingDispositions");
            store.add(command);

            store.claimPending(Owners.at(connection, 2));

            assertThatThrownBy(() -> store.retryLater(Owners.at(connection, 1), commandId, 1, Instant.now()))
                    .isInstanceOf(StaleOwnerException.class).hasMessageContaining("pendingDispositions");
            assertThatThrownBy(() -> store.fallBackToDelete(Owners.at(connection, 1), commandId, "a stale reason"))
                    .isInstanceOf(StaleOwnerException.class);
            assertThat(refused("pendingDispositions")).isEqualTo(refusedBefore + 2);
            assertThat(store.due(Owners.at(connection, 2), 10)).singleElement().satisfies(pending -> {
                assertThat(pending.attempts()).isZero();
                assertThat(pending.fallbackReason()).isNull();
            });
        }

        private DeltaState state(String token) {
            return new DeltaState("crm-log@contoso.com", "inbox", "https://graph.example/delta?$deltatoken=" + token, true);
        }

        private Document stored(String collection, String id) {
            return it.mongo.getCollection(collection).find(new Document("_id", id)).first();
        }

        private double refused(String collection) {
            return Pattern.compile("mailtrail_stale_writes_refused_total\\{[^}]*collection=\"" + collection
                    + "\"[^}]*} ([0-9.E]+)").matcher(it.prometheus()).results()
                    .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
        }
    }

    /** The mailbox permits every process shares, on the test's MongoDB-protocol server. */
    @Nested
    class Permits {

        private final ExecutorService callers = Executors.newCachedThreadPool();

        @AfterEach
        void stopCallers() {
            callers.shutdownNow();
        }

        private MailboxPermits permits(MongoClient client, Duration lease) {
            return new MongoMailboxPermits(client, new MailboxPermitsProperties("it_permits", 4, lease),
                    Clock.systemUTC());
        }

        @Test
        void givesAtMostFourAtOnceAndAllThatAreAskedForOrNone(@Autowired MongoClient client) throws Exception {
            MailboxPermits permits = permits(client, Duration.ofMinutes(2));
            String mailbox = "permits-" + UUID.randomUUID() + "@contoso.com";
            MailboxPermits.Held three = permits.acquire(mailbox, 3);

            Future<MailboxPermits.Held> two = callers.submit(() -> permits.acquire(mailbox, 2));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !two.isDone());
            MailboxPermits.Held one = permits.acquire(mailbox.toUpperCase(Locale.ROOT), 1);
            three.close();

            assertThat(two.get(10, TimeUnit.SECONDS).count()).isEqualTo(2);
            assertThat(one.count()).isEqualTo(1);
            Document stored = client.getDatabase("it_permits").getCollection(MongoMailboxPermits.COLLECTION)
                    .find(new Document("_id", mailbox)).first();
            assertThat(stored.getInteger("inFlight")).isEqualTo(3);
        }

        @Test
        void freesWhatAHolderThatNeverGaveItBackHeldOnceItsLeaseHasEnded(@Autowired MongoClient client)
                throws Exception {
            MailboxPermits permits = permits(client, Duration.ofSeconds(1));
            String mailbox = "permits-" + UUID.randomUUID() + "@contoso.com";
            // As a process killed while its requests were in flight: never closed.
            permits.acquire(mailbox, 4);

            Future<MailboxPermits.Held> next = callers.submit(() -> permits.acquire(mailbox, 4));

            assertThat(next.get(15, TimeUnit.SECONDS).count()).isEqualTo(4);
        }
    }

    @Nested
    class Links {

        @Test
        void answersTheCurrentLinkOfAMailAfterItWasMoved() {
            String mailbox = newMailbox(graph.emulator(), "link");
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(30));
            MailReceived mail = it.awaitMails(connection, 1).get(0);
            Commands.send(List.of(Commands.command(mail, Disposition.ARCHIVE)));
            await().atMost(WAIT).until(() -> !topics.results(connection, MailArchived.class).isEmpty());

            HttpResponse<String> answer = it.http.get("/internal/messages/" + connection + "/"
                    + URLEncoder.encode(mail.immutableId(), StandardCharsets.UTF_8) + "/link");

            assertThat(answer.statusCode()).isEqualTo(200);
            String link = Http.json(answer).get("webLink").asString();
            assertThat(link).isEqualTo(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().webLink())
                    .isNotEqualTo(mail.webLink());
        }

        @Test
        void answers404ProblemForAMessageThatIsNotInTheMailbox() {
            String mailbox = newMailbox(graph.emulator(), "nolink");
            String connection = it.pushConnection(mailbox);

            HttpResponse<String> answer = it.http.get("/internal/messages/" + connection + "/"
                    + Commands.unknownImmutableId() + "/link");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Http.json(answer).get("detail").asString()).contains("is not in mailbox " + mailbox);
        }

        @Test
        void answers404ProblemForAConnectionItDoesNotRun() {
            HttpResponse<String> answer = it.http.get("/internal/messages/no-such-connection/abc/link");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(Http.json(answer).get("detail").asString()).contains("no enabled connection");
        }
    }

    @Test
    void wantsAServiceTokenGrantedMessagesLinkForTheLinkMessagesReadForTheContentAndNoTokenForGraphsNotifications() {
        AuthorizationMatrix.of("http://127.0.0.1:" + it.port, TestIssuer.shared())
                .audience("mailtrail-mail-ingestor")
                .documentRequiresToken()
                .open("POST /graph/notifications", "POST /graph/lifecycle")
                .rule("GET /internal/messages/{connectionId}/{immutableId}/link",
                        Allowed.service("messages.link", "mailtrail-mail-ingestor"))
                .rule("GET /internal/messages/{connectionId}/{immutableId}/content",
                        Allowed.service("messages.read", "mailtrail-mail-ingestor"))
                .body("POST /graph/notifications", "application/json", "{\"value\":[]}")
                .body("POST /graph/lifecycle", "application/json", "{\"value\":[]}")
                .verify();
    }

    @Test
    void describesItsHttpApiInOpenApi() {
        JsonNode paths = Http.json(it.http.get("/v3/api-docs")).get("paths");

        assertThat(paths.propertyNames()).contains("/graph/notifications", "/graph/lifecycle",
                "/internal/messages/{connectionId}/{immutableId}/link");
    }

    @Test
    void asksTheTokenBrokerOnlyWhenItsTokenIsAboutToExpire() {
        String mailbox = newMailbox(graph.emulator(), "tokens");
        String connection = it.pushConnection(mailbox);

        graph.emulator().deliver(mailbox, 5, GraphFixtures::customerMail);
        it.awaitMails(connection, 5);

        assertThat(tokens.issued(connection)).isEqualTo(1);
    }

    @Test
    void callsTheTokenBrokerWithOneClientCredentialsTokenForManyRequests() {
        for (String name : List.of("broker-a", "broker-b")) {
            String mailbox = newMailbox(graph.emulator(), name);
            String connection = it.pushConnection(mailbox);
            graph.emulator().deliver(mailbox, customerMail(41));
            it.awaitMails(connection, 1);
        }

        List<String> presented = tokens.presentedTokens();
        assertThat(presented).hasSizeGreaterThanOrEqualTo(2);
        assertThat(presented.stream().distinct().count()).as("a token is kept until shortly before it expires")
                .isLessThan(presented.size());
        JsonNode claims = ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(
                presented.get(presented.size() - 1).split("\\.")[1]));
        assertThat(claims.get("aud").asString()).isEqualTo("mailtrail-config-service");
        assertThat(claims.get("scope").asString()).isEqualTo("connections.token");
        assertThat(claims.get("client_id").asString()).isEqualTo(TestIssuer.SERVICE_CLIENT);
    }

    @Test
    void fetchesAFreshTokenWhenGraphRefusesTheCachedOne() {
        String mailbox = newMailbox(graph.emulator(), "expired");
        String connection = it.pushConnection(mailbox);
        int before = tokens.issued(connection);

        graph.emulator().expireAccessTokens();
        graph.emulator().deliver(mailbox, customerMail(40));

        assertThat(it.awaitMails(connection, 1)).hasSize(1);
        // At least one more: the emulator also refuses tokens issued within the second it expired them.
        assertThat(tokens.issued(connection)).isGreaterThan(before);
    }
}
