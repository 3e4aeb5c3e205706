package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.subscription.NotificationDispatcher;
import org.mailtrail.emulator.subscription.SubscriptionService;

import com.microsoft.graph.models.ChangeNotification;
import com.microsoft.graph.models.ChangeNotificationCollection;
import com.microsoft.graph.models.ChangeType;
import com.microsoft.graph.models.LifecycleEventType;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;

import tools.jackson.databind.JsonNode;

class SubscriptionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard()
            .notifications(new NotificationDispatcher.Settings(Duration.ofMillis(800), 4, Duration.ofMillis(200),
                    Duration.ofMillis(50), 100)));

    private GraphServiceClient client;
    private WebhookReceiver receiver;
    private String mailbox;
    private String clientState;

    @BeforeEach
    void setUp() {
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        receiver = WebhookReceiver.start();
        mailbox = Fixtures.newMailbox(graph.emulator(), "subscribed");
        clientState = "state-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        graph.emulator().clearNotificationFaults();
        receiver.close();
    }

    private Subscription inboxSubscription() {
        Subscription subscription = new Subscription();
        subscription.setChangeType("created");
        subscription.setNotificationUrl(receiver.notificationUrl());
        subscription.setLifecycleNotificationUrl(receiver.lifecycleUrl());
        subscription.setResource("users/" + mailbox + "/mailFolders('Inbox')/messages");
        subscription.setExpirationDateTime(OffsetDateTime.now().plusMinutes(10_000).truncatedTo(ChronoUnit.SECONDS));
        subscription.setClientState(clientState);
        return subscription;
    }

    private Subscription subscribe() {
        return subscribe(inboxSubscription());
    }

    private Subscription subscribe(Subscription subscription) {
        return client.subscriptions().post(subscription, c -> c.headers.add("Prefer", "IdType=\"ImmutableId\""));
    }

    private static List<ChangeNotification> parse(JsonNode body) {
        try {
            return new JsonParseNodeFactory().getParseNode("application/json", new ByteArrayInputStream(Json.bytes(body)))
                    .getObjectValue(ChangeNotificationCollection::createFromDiscriminatorValue).getValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createsTheSubscriptionAfterTheReceiverEchoesTheDecodedValidationToken() {
        Subscription requested = inboxSubscription();

        Subscription created = subscribe(requested);

        assertThat(created.getId()).isNotBlank();
        assertThat(created.getClientState()).isEqualTo(clientState);
        assertThat(created.getApplicationId()).isEqualTo(CLIENT_ID);
        assertThat(created.getExpirationDateTime()).isEqualTo(requested.getExpirationDateTime());
        assertThat(receiver.validationTokens()).hasSize(2)
                .allSatisfy(token -> assertThat(token).startsWith("Validation: Testing client application reachability"));
        assertThat(graph.emulator().subscriptions()).anySatisfy(s -> assertThat(s.id()).isEqualTo(created.getId()));
    }

    @Test
    void failsCreationWithGraphsErrorWhenTheReceiverEchoesAWrongToken() {
        receiver.validation(WebhookReceiver.Validation.WRONG_TOKEN);

        assertThatThrownBy(this::subscribe).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(400);
            assertThat(e.getError().getCode()).isEqualTo("ValidationError");
            assertThat(e.getError().getMessage()).contains("must exactly match validationToken");
        });
        assertThat(graph.emulator().subscriptions()).noneSatisfy(s -> assertThat(s.mailboxAddress()).isEqualTo(mailbox));
    }

    @Test
    void failsCreationWhenTheReceiverEchoesTheTokenStillUrlEncoded() {
        receiver.validation(WebhookReceiver.Validation.STILL_ENCODED);

        assertThatThrownBy(this::subscribe).isInstanceOfSatisfying(ODataError.class,
                e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void sendsOneNotificationWithTheClientStateWhenAMailIsDelivered() throws Exception {
        Subscription created = subscribe();

        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("notifications", 1, WAIT);
        List<ChangeNotification> notifications = parse(posts.get(0).body());
        assertThat(notifications).hasSize(1);
        ChangeNotification notification = notifications.get(0);
        assertThat(notification.getSubscriptionId()).isEqualTo(created.getId());
        assertThat(notification.getClientState()).isEqualTo(clientState);
        assertThat(notification.getChangeType()).isEqualTo(ChangeType.Created);
        assertThat(notification.getTenantId()).isEqualTo(TENANT);
        assertThat(notification.getResource()).endsWith("/Messages/" + delivered.immutableId());
        assertThat(notification.getResourceData().getOdataType()).isEqualTo("#Microsoft.Graph.Message");
        assertThat(notification.getResourceData().getAdditionalData()).containsEntry("id", delivered.immutableId());
        assertThat(notification.getSubscriptionExpirationDateTime()).isEqualTo(created.getExpirationDateTime());
        Poll.until("the notification is counted as sent", WAIT, () -> graph.emulator().counters().notificationsSent() >= 1);
    }

    @Test
    void deliversTheNotificationAgainWhenTheReceiverAnswers500() throws Exception {
        subscribe();
        receiver.answerNext(500);
        long failedBefore = graph.emulator().counters().notificationsFailed();

        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("notifications", 2, WAIT);
        assertThat(posts).extracting(post -> parse(post.body()).get(0).getResourceData().getAdditionalData().get("id"))
                .containsExactly(delivered.immutableId(), delivered.immutableId());
        // The counter is the emulator's, shared with retries other tests' subscriptions may still be making.
        Poll.until("the failed attempt is counted", WAIT,
                () -> graph.emulator().counters().notificationsFailed() >= failedBefore + 1);
    }

    @Test
    void deliversTheNotificationAgainWhenTheReceiverTakesLongerThanTheTimeout() throws Exception {
        subscribe();
        receiver.answerNextSlowly();

        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("notifications", 2, WAIT);
        assertThat(posts.get(1).receivedAtMillis() - posts.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(800);
        receiver.releaseSlowAnswers();
    }

    @Test
    void batchesTheNotificationsThatQueueWhileAPostIsUnderWayIntoOnePost() throws Exception {
        subscribe();
        receiver.answerNextSlowly();
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        receiver.awaitPosts("notifications", 1, WAIT);

        graph.emulator().deliver(mailbox, 3, n -> Fixtures.customerMail(1 + n));
        receiver.releaseSlowAnswers();

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("notifications", 2, WAIT);
        assertThat(parse(posts.get(0).body())).hasSize(1);
        assertThat(parse(posts.get(1).body())).hasSize(3);
    }

    @Test
    void dropsOrDuplicatesNotificationsWhenToldTo() throws Exception {
        subscribe();
        graph.emulator().dropNextNotifications(1);
        MessageView lost = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        graph.emulator().duplicateNextNotifications(1);
        MessageView twice = graph.emulator().deliver(mailbox, Fixtures.customerMail(2));

        assertThat(receiver.awaitValues("notifications", 2, WAIT)).extracting(v -> v.get("resourceData").get("id").asString())
                .containsExactly(twice.immutableId(), twice.immutableId())
                .doesNotContain(lost.immutableId());
        assertThat(receiver.posts("notifications")).as("the copy comes in a POST of its own").hasSize(2);
    }

    @Test
    void renewsWithPatchAndRefusesAnExpirationBeyondTheMaximumLifetime() {
        Subscription created = subscribe();
        Subscription renewal = new Subscription();
        renewal.setExpirationDateTime(OffsetDateTime.now().plusMinutes(10_070).truncatedTo(ChronoUnit.SECONDS));

        Subscription renewed = client.subscriptions().bySubscriptionId(created.getId()).patch(renewal);

        assertThat(renewed.getExpirationDateTime()).isEqualTo(renewal.getExpirationDateTime());
        Subscription tooLong = new Subscription();
        tooLong.setExpirationDateTime(OffsetDateTime.now().plusMinutes(10_090));
        assertThatThrownBy(() -> client.subscriptions().bySubscriptionId(created.getId()).patch(tooLong))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getMessage()).contains("10080 minutes");
                });
    }

    @Test
    void deletesASubscription() {
        Subscription created = subscribe();

        client.subscriptions().bySubscriptionId(created.getId()).delete();

        assertThat(graph.emulator().subscriptions()).noneSatisfy(s -> assertThat(s.id()).isEqualTo(created.getId()));
        assertThatThrownBy(() -> client.subscriptions().bySubscriptionId(created.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    }

    @Test
    void sendsSubscriptionRemovedToTheLifecycleUrlWhenTheEmulatorRemovesASubscription() throws Exception {
        Subscription created = subscribe();

        graph.emulator().removeSubscription(created.getId());

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("lifecycle", 1, WAIT);
        ChangeNotification event = parse(posts.get(0).body()).get(0);
        assertThat(event.getLifecycleEvent()).isEqualTo(LifecycleEventType.SubscriptionRemoved);
        assertThat(event.getClientState()).isEqualTo(clientState);
        assertThat(event.getSubscriptionId()).isEqualTo(created.getId());
        assertThat(graph.emulator().subscriptions()).noneSatisfy(s -> assertThat(s.id()).isEqualTo(created.getId()));
    }

    @Test
    void sendsMissedOnDemand() throws Exception {
        Subscription created = subscribe();

        graph.emulator().sendLifecycleNotification(created.getId(), LifecycleEvent.missed);

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("lifecycle", 1, WAIT);
        assertThat(parse(posts.get(0).body()).get(0).getLifecycleEvent()).isEqualTo(LifecycleEventType.Missed);
    }

    @Test
    void holdsBackNotificationsAfterReauthorizationRequiredUntilTheAppReauthorizes() throws Exception {
        Subscription created = subscribe();
        graph.emulator().requireReauthorization(created.getId(), true);
        receiver.awaitPosts("lifecycle", 1, WAIT);
        long droppedBefore = graph.emulator().counters().notificationsDropped();

        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        assertThat(graph.emulator().counters().notificationsDropped()).isEqualTo(droppedBefore + 1);

        client.subscriptions().bySubscriptionId(created.getId()).reauthorize().post();
        MessageView after = graph.emulator().deliver(mailbox, Fixtures.customerMail(2));

        receiver.awaitPosts("notifications", 1, WAIT);
        assertThat(receiver.values("notifications")).extracting(v -> v.get("resourceData").get("id").asString())
                .containsExactly(after.immutableId());
        assertThat(parse(receiver.posts("lifecycle").get(0).body()).get(0).getLifecycleEvent())
                .isEqualTo(LifecycleEventType.ReauthorizationRequired);
    }

    @Test
    void sendsRegularIdsToASubscriptionCreatedWithoutTheImmutableIdPreference() throws Exception {
        client.subscriptions().post(inboxSubscription());

        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        receiver.awaitPosts("notifications", 1, WAIT);
        assertThat(receiver.values("notifications").get(0).get("resourceData").get("id").asString()).isEqualTo(delivered.id());
    }

    @Test
    void namesTheMessageAsUserAtTenantWhenToldTo() throws Exception {
        subscribe();
        graph.emulator().notificationResourceForm(SubscriptionService.ResourceForm.USER_AT_TENANT);
        try {
            MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

            receiver.awaitPosts("notifications", 1, WAIT);
            assertThat(receiver.values("notifications").get(0).get("resource").asString())
                    .matches("users/[0-9a-f-]{36}@" + TENANT + "/messages/" + Pattern.quote(delivered.immutableId()));
        } finally {
            graph.emulator().notificationResourceForm(SubscriptionService.ResourceForm.USER_ID);
        }
    }
}
