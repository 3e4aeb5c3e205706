package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.localrun.LocalIdentity;

import tools.jackson.databind.JsonNode;

/**
 * mailtrail as an attacker meets it: forged, unknown and replayed notifications, deliveries that are not JSON or
 * far too large, a validation token made to look like a page, and the admin and internal APIs called with no
 * token, a bad one, the wrong role or the wrong permission. Last, everything the run left readable — every log
 * line, every Kafka record, every HTTP response — is searched for the client secret, the subscriptions'
 * clientStates, the people's and services' tokens, the services' client secrets and the people's passwords. The stack
 * is {@link PipelineStack}'s, shared with {@link EndToEndIT} and the IMAP classes: every count of Graph requests here
 * is of this class's mailbox, and every search for secrets covers what all of them left, the IMAP mailboxes'
 * passwords included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Order.DEFAULT + 4)
class SecurityIT {

    private static final String SECRET = PipelineStack.TENANT.clientSecret();
    private static final String MAILBOX = PipelineStack.SECURITY_MAILBOX;
    private static final String CONNECTION = "contoso-security";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long nothing may happen after a refused notification; an accepted one starts a round in milliseconds. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = PipelineStack.mailtrail();
    private static final Api api = Api.recording();
    private static final Api admin = api.as(() -> mailtrail.stack().adminToken());
    /** A sales manager, who sees every interaction. */
    private static final Api manager = api.as(() -> mailtrail.stack().personToken("maria"));
    /** Every clientState the emulator held during the run: subscriptions may be replaced, their secrets stay secret. */
    private static final Set<String> clientStates = new LinkedHashSet<>();

    @BeforeAll
    static void connectTheMailboxAndAwaitItsFirstDeltaRound() {
        double roundsBefore = ingestorMetric("mailtrail_delta_rounds_total", "outcome", "completed");
        // No safety-net round during the run: every delta round is one a notification asked for.
        mailtrail.connect(api, CONNECTION, MAILBOX, Map.of("pollInterval", "PT24H"));
        Directory.loadAnnaBergerAndJordanSmith(admin, mailtrail.url("interaction-matcher"));

        await().atMost(WAIT).until(() -> !subscriptions().isEmpty());
        // The stack's other connections complete rounds too: this one's first asked Graph for this mailbox's delta.
        await().atMost(WAIT).until(() -> deltaRequests() >= 1
                && ingestorMetric("mailtrail_delta_rounds_total", "outcome", "completed") > roundsBefore);
        awaitNoDeltaRound();
    }

    @Test
    void aNotificationWithTheWrongClientStateIsAcknowledgedCountedAndReadsNoMail() {
        Subscription subscription = subscription();
        MessageView parked = parkedMail("Quote for 12 shelving units");
        double refused = notifications("change", "invalid_client_state");
        long deltaRequests = deltaRequests();

        Api.Response answer = deliver("/graph/notifications",
                notification(subscription, "forged-" + UUID.randomUUID(), parked));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.raw().body()).isEmpty();
        await().atMost(WAIT).until(() -> notifications("change", "invalid_client_state") == refused + 1);
        assertNothingIsRead(parked, deltaRequests);

        // The same notification with the subscription's own clientState is what reads the mail.
        assertThat(deliver("/graph/notifications", notification(subscription, subscription.clientState(), parked))
                .status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> interactionOf(parked.internetMessageId()).isPresent());
    }

    @Test
    void aNotificationForAnUnknownSubscriptionIsAcknowledgedCountedAndReadsNoMail() {
        Subscription subscription = subscription();
        MessageView parked = parkedMail("Delivery dates for March");
        double unknown = notifications("change", "unknown_subscription");
        long deltaRequests = deltaRequests();

        // Even the right clientState does not help a subscription id the ingestor never created.
        Subscription stranger = new Subscription(UUID.randomUUID().toString(), subscription.tenantId(),
                subscription.appId(), subscription.resource(), subscription.mailboxId(), subscription.mailboxAddress(),
                subscription.folderId(), subscription.changeTypes(), subscription.notificationUrl(),
                subscription.lifecycleNotificationUrl(), subscription.clientState(), subscription.expiration(),
                subscription.immutableIds(), subscription.latestSupportedTlsVersion(), subscription.creatorId(), false,
                false, subscription.resourceData());
        Api.Response answer = deliver("/graph/notifications", notification(stranger, stranger.clientState(), parked));

        assertThat(answer.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> notifications("change", "unknown_subscription") == unknown + 1);
        assertNothingIsRead(parked, deltaRequests);

        assertThat(deliver("/graph/notifications", notification(subscription, subscription.clientState(), parked))
                .status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> interactionOf(parked.internetMessageId()).isPresent());
    }

    @Test
    void aReplayedNotificationLogsItsMailOnlyOnce() {
        Subscription subscription = subscription();
        MessageView mail = mailtrail.emulator().deliver(MAILBOX, inbound("Replay: order 4711"));
        JsonNode interaction = await().atMost(WAIT).until(() -> interactionOf(mail.internetMessageId()),
                Optional::isPresent).orElseThrow();
        await().atMost(WAIT).until(() -> inFolder("archive", mail).isPresent());
        await().atMost(WAIT).until(() -> ledger().at("/mailbox/ARCHIVED").asLong() == ledger().path("logged").asLong());
        JsonNode ledgerBefore = ledger();
        double accepted = notifications("change", "accepted");
        long deltaRequests = deltaRequests();

        // A notification for this mail sent five more times by someone who knows the clientState. It carries no
        // encrypted mail, so each one only asks for a delta round; Graph's own deliveries repeated, encrypted mail
        // and all, are the chaos suite's fivefold run.
        byte[] captured = notification(subscription, subscription.clientState(), mail);
        for (int i = 0; i < 5; i++) {
            assertThat(deliver("/graph/notifications", captured).status()).isEqualTo(202);
        }

        await().atMost(WAIT).until(() -> notifications("change", "accepted") == accepted + 5);
        await().atMost(WAIT).until(() -> deltaRequests() > deltaRequests);
        await().during(QUIET).atMost(WAIT).untilAsserted(() -> {
            assertThat(ledger()).isEqualTo(ledgerBefore);
            assertThat(interactionsOf(mail.internetMessageId())).hasSize(1);
        });
        assertThat(interactionOf(mail.internetMessageId()).orElseThrow().path("id").asString())
                .isEqualTo(interaction.path("id").asString());
        assertThat(inFolder("archive", mail)).isPresent();
    }

    @Test
    void aDeliveryThatIsNotJsonIsRefusedWith400AndAProblemThatRepeatsNoneOfIt() {
        String marker = "canary" + UUID.randomUUID().toString().replace("-", "");
        List<String> malformed = List.of(
                "{\"value\":[{\"subscriptionId\":" + marker + "}]}",
                "{\"value\":[{\"subscriptionId\":\"" + marker + "\"",
                "<notification>" + marker + "</notification>",
                "{\"value\":\"" + marker + "\"}",
                "{\"value\":[null]}",
                "");
        double refused = notifications("change", "malformed");

        for (String body : malformed) {
            Api.Response answer = deliver("/graph/notifications", body.getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(body).startsWith("application/problem+json");
            assertThat(answer.body().path("title").asString()).isEqualTo("Malformed notification");
            assertThat(answer.body().path("detail").asString()).isNotBlank();
            assertThat(answer.raw().body()).as(body).doesNotContain(marker).doesNotContain("Exception")
                    .doesNotContain("\tat ").doesNotContain("trace");
        }
        await().atMost(WAIT).until(() -> notifications("change", "malformed") == refused + malformed.size());
    }

    @Test
    void aTenMegabyteDeliveryIsRefusedWith413AndTheIngestorStaysHealthy() {
        byte[] tenMegabytes = tenMegabyteDelivery();
        double refused = notifications("change", "too_large");

        Api.Response declared = deliver("/graph/notifications", tenMegabytes);
        Api.Response streamed = api.exchange(HttpRequest.newBuilder(URI.create(ingestor("/graph/notifications")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tenMegabytes))).build());

        for (Api.Response answer : List.of(declared, streamed)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body().path("title").asString()).isEqualTo("Notification too large");
        }
        await().atMost(WAIT).until(() -> notifications("change", "too_large") == refused + 2);
        Api.Response health = api.get(ingestor("/actuator/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        assertThat(deliver("/graph/notifications", "{\"value\":[]}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/graph/notifications", "/graph/lifecycle" })
    void aValidationTokenWithMarkupIsEchoedAsPlainTextOnly(String path) {
        String token = "<script>alert('mailtrail')</script><img src=x onerror=alert(1)> Validation: Testing client"
                + " application reachability for subscription Request-Id: " + UUID.randomUUID();

        Api.Response answer = api.exchange(HttpRequest.newBuilder(URI.create(ingestor(path) + "?validationToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain").doesNotContainIgnoringCase("html");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.raw().body()).isEqualTo(token);
    }

    @Test
    void theAdminApiRefusesCallersWithoutAValidAdminToken() throws Exception {
        String connections = config("/api/connections");
        Map<String, Map<String, String>> unauthenticated = new LinkedHashMap<>();
        unauthenticated.put("no token", Map.of());
        unauthenticated.put("not a JWT", bearer("not-a-jwt"));
        unauthenticated.put("signed by another key", bearer(foreignToken("mailtrail-admin")));
        unauthenticated.put("unsigned (alg none)", bearer(unsignedToken("mailtrail-admin")));
        unauthenticated.put("service token with its role changed to admin", bearer(escalated(brokerToken())));
        unauthenticated.put("basic auth", Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + SECRET).getBytes(StandardCharsets.UTF_8))));

        unauthenticated.forEach((caller, headers) -> {
            Api.Response answer = api.get(connections, headers);
            assertThat(answer.status()).as(caller).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as(caller).startsWith("Bearer");
            assertThat(answer.header("Content-Type")).as(caller).startsWith("application/problem+json");
            assertThat(answer.raw().body()).as(caller).doesNotContain(CONNECTION);
        });
        Map<String, String> forbidden = new LinkedHashMap<>();
        forbidden.put("mail-ingestor's service token", brokerToken());
        forbidden.put("a salesperson", mailtrail.stack().personToken("anna"));
        forbidden.put("a sales manager", mailtrail.stack().personToken("maria"));
        forbidden.forEach((caller, token) -> {
            Api.Response read = api.get(connections, bearer(token));
            assertThat(read.status()).as(caller).isEqualTo(403);
            assertThat(read.raw().body()).as(caller).doesNotContain(CONNECTION);
            Api.Response change = api.post(config("/api/connections/" + CONNECTION + "/disable"), bearer(token), null);
            assertThat(change.status()).as(caller).isEqualTo(403);
        });

        Api.Response allowed = api.get(connections, bearer(mailtrail.stack().adminToken()));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.raw().body()).contains(CONNECTION);
        assertThat(api.get(config("/api/connections/" + CONNECTION), bearer(mailtrail.stack().adminToken())).body()
                .path("enabled").asBoolean()).as("the refused disable changed nothing").isTrue();
    }

    @Test
    void theTokenBrokerGivesGraphTokensOnlyToAServiceGrantedThatPermission() throws Exception {
        String token = config("/internal/connections/" + CONNECTION + "/token");

        Api.Response anonymous = api.post(token, Map.of(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.post(token, bearer("not-a-jwt"), null).status()).isEqualTo(401);
        assertThat(api.post(token, bearer(foreignToken("mailtrail-service")), null).status()).isEqualTo(401);
        Map<String, String> forbidden = new LinkedHashMap<>();
        forbidden.put("the admin", mailtrail.stack().adminToken());
        forbidden.put("a metrics scraper, granted metrics.read only", mailtrail.stack().metricsToken());
        forbidden.forEach((caller, bearer) -> {
            Api.Response refused = api.post(token, bearer(bearer), null);
            assertThat(refused.status()).as(caller).isEqualTo(403);
            assertThat(refused.raw().body()).as(caller).doesNotContain("accessToken");
        });

        // The matcher's token is issued for mail-ingestor: config-service does not take it at all.
        Api.Response otherAudience = api.post(token, bearer(serviceToken("interaction-matcher", "messages.link")), null);
        assertThat(otherAudience.status()).isEqualTo(401);
        assertThat(otherAudience.raw().body()).doesNotContain("accessToken");

        Api.Response service = api.post(token, bearer(brokerToken()), null);
        assertThat(service.status()).isEqualTo(200);
        assertThat(service.body().path("accessToken").asString()).isNotBlank();
        assertThat(service.header("Cache-Control")).contains("no-store");
    }

    @Test
    void aRotatedSigningKeySignsNewTokensWhileTokensOfThePreviousKeyStayValidAndNothingRestarts() {
        String before = freshToken("anna");
        for (String service : List.of("interaction-matcher", "opportunity-service")) {
            assertThat(api.get(readable(service), bearer(before)).status()).as(service).isEqualTo(200);
        }
        long pidBefore = mailtrail.stack().process("interaction-matcher").pid();

        Api.Response rotated = admin.post(config("/api/issuer/keys/rotate"), Map.of(), null);

        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
        String newKid = rotated.body().path("kid").asString();
        assertThat(newKid).isNotEqualTo(kid(before));
        // The new key is published at once and signs once every replica can have read it.
        String after = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> freshToken("anna"), token -> kid(token).equals(newKid));
        for (String service : List.of("interaction-matcher", "opportunity-service")) {
            assertThat(api.get(readable(service), bearer(after)).status()).as(service + ", new key").isEqualTo(200);
            assertThat(api.get(readable(service), bearer(before)).status()).as(service + ", previous key")
                    .isEqualTo(200);
        }
        assertThat(mailtrail.stack().process("interaction-matcher").pid()).isEqualTo(pidBefore);
    }

    private static String readable(String service) {
        return mailtrail.url(service) + (service.equals("interaction-matcher") ? "/api/interactions?limit=1"
                : "/api/opportunities?limit=1");
    }

    /** A token got now, not one the stack keeps for reuse. */
    private static String freshToken(String username) {
        return mailtrail.stack().identity().personToken(mailtrail.stack().issuer(), username);
    }

    private static String kid(String token) {
        return ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))))
                .path("kid").asString();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noLogLineEventOrResponseOfTheWholeRunCarriesTheClientSecretAClientStateOrAServiceToken() throws Exception {
        // Traffic of its own besides the tests': a promotion, and a record that can only be dead-lettered.
        MessageView mail = mailtrail.emulator().deliver(MAILBOX, inbound("Quote for 40 pallet racks"));
        String interactionId = await().atMost(WAIT).until(() -> interactionOf(mail.internetMessageId()),
                Optional::isPresent).orElseThrow().path("id").asString();
        Api anna = api.as(() -> mailtrail.stack().personToken("anna"));
        Api.Response promoted = anna.post(mailtrail.url("opportunity-service") + "/api/interactions/" + interactionId
                + "/promotions", Map.of(), Map.of("probability", 40));
        assertThat(promoted.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> anna.get(mailtrail.url("opportunity-service") + promoted.header("Location"))
                .body().path("status").asString(), "ACCEPTED"::equals);
        String deadLetters = Topics.MAIL_RECEIVED + ".interaction-matcher.dlq";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.MAIL_RECEIVED, CONNECTION + "/poison", "this is no MailReceived"))
                    .get();
        }
        await().atMost(WAIT).until(() -> recordsOn(deadLetters) > 0);
        subscriptions();

        Map<String, Pattern> everywhere = new LinkedHashMap<>();
        everywhere.put("the client secret", LeakScan.literal(SECRET));
        int n = 0;
        for (String clientState : clientStates) {
            everywhere.put("clientState #" + ++n, LeakScan.literal(clientState));
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (LocalIdentity.Person person : LocalIdentity.PEOPLE) {
            tokens.put(person.username() + "'s token", mailtrail.stack().personToken(person.username()));
            everywhere.put(person.username() + "'s password",
                    LeakScan.literal(mailtrail.stack().identity().password(person.username())));
        }
        tokens.put("mail-ingestor's service token", brokerToken());
        tokens.put("the matcher's service token", serviceToken("interaction-matcher", "messages.link"));
        tokens.put("the metrics token", mailtrail.stack().metricsToken());
        tokens.forEach((name, token) -> {
            everywhere.put(name, LeakScan.literal(token));
            everywhere.put("the signature of " + name, LeakScan.literal(signature(token)));
        });
        // The IMAP mailboxes' passwords of the IMAP classes that ran before this one.
        mailtrail.stack().imapServer().passwords().forEach((mailbox, password) ->
                everywhere.put("the IMAP password of " + mailbox, LeakScan.literal(password)));
        for (LocalIdentity.ServiceClient client : LocalIdentity.SERVICES) {
            everywhere.put(client.clientId() + "'s client secret",
                    LeakScan.literal(mailtrail.stack().identity().clientSecret(client.clientId())));
        }
        Map<String, Pattern> storedOrLogged = new LinkedHashMap<>(everywhere);
        // No bearer token of any kind (Graph's access tokens too) belongs in a log or an event; the token broker's
        // answer is the one response that rightly carries one.
        storedOrLogged.put("a JWT", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"));

        LeakScan logsAndEvents = new LeakScan(storedOrLogged).logs(mailtrail.stack().logs())
                .topics(mailtrail.stack().bootstrapServers());
        LeakScan responses = new LeakScan(everywhere).responses(api.responses());
        System.out.println("security: scanned " + logsAndEvents + "; " + responses.responsesScanned() + " responses");

        assertThat(logsAndEvents.logFiles()).contains("config-service.log", "mail-ingestor.log",
                "interaction-matcher.log", "opportunity-service.log");
        assertThat(logsAndEvents.topics()).contains(Topics.MAIL_RECEIVED, Topics.INTERACTION_EVENTS,
                Topics.OPPORTUNITY_EVENTS, Topics.CONNECTIONS, deadLetters);
        assertThat(logsAndEvents.records()).isPositive();
        assertThat(responses.responsesScanned()).isGreaterThan(20);
        assertThat(logsAndEvents.leaks()).as("secrets in log lines and Kafka records").isEmpty();
        assertThat(responses.leaks()).as("secrets in HTTP responses").isEmpty();
    }

    // --- mail and notifications

    private static Mail inbound(String subject) {
        return Mail.builder().internetMessageId("<security-" + UUID.randomUUID() + "@fabrikam.example>")
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject(subject).body("Could you send us a quote?").sentDateTime(Instant.now().minusSeconds(5))
                .receivedDateTime(Instant.now()).build();
    }

    /** A mail in the Inbox whose notification Graph lost: only a notification the ingestor accepts reads it. */
    private static MessageView parkedMail(String subject) {
        awaitNoDeltaRound();
        long dropped = mailtrail.emulator().counters().notificationsDropped();
        mailtrail.emulator().dropNextNotifications(1);
        MessageView mail = mailtrail.emulator().deliver(MAILBOX, inbound(subject));
        await().atMost(WAIT).until(() -> mailtrail.emulator().counters().notificationsDropped() == dropped + 1);
        return mail;
    }

    /** Until no delta round has run for a while: a round still under way would read a parked mail. */
    private static void awaitNoDeltaRound() {
        AtomicLong seen = new AtomicLong(-1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> seen.getAndSet(deltaRequests()) == seen.get());
    }

    private static void assertNothingIsRead(MessageView parked, long deltaRequests) {
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> {
            assertThat(deltaRequests()).as("delta requests at Graph").isEqualTo(deltaRequests);
            assertThat(inFolder("inbox", parked)).as("the mail in the Inbox").isPresent();
        });
        assertThat(interactionOf(parked.internetMessageId())).isEmpty();
    }

    /** A change notification as Graph sends it for a mail created in the subscribed folder. */
    private static byte[] notification(Subscription subscription, String clientState, MessageView mail) {
        return notification(subscription, clientState, mail.immutableId());
    }

    private static byte[] notification(Subscription subscription, String clientState, String messageId) {
        String resource = "Users/" + subscription.mailboxId() + "/Messages/" + messageId;
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subscriptionId", subscription.id());
        notification.put("subscriptionExpirationDateTime", subscription.expiration().toString());
        notification.put("changeType", "created");
        notification.put("resource", resource);
        notification.put("resourceData", Map.of("@odata.type", "#Microsoft.Graph.Message", "@odata.id", resource,
                "id", messageId));
        notification.put("clientState", clientState);
        notification.put("tenantId", subscription.tenantId());
        return ContractJson.mapper().writeValueAsBytes(Map.of("value", List.of(notification)));
    }

    private static Api.Response deliver(String path, byte[] body) {
        return api.exchange(HttpRequest.newBuilder(URI.create(ingestor(path)))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Ten megabytes of notifications, each well-formed. */
    private static byte[] tenMegabyteDelivery() {
        String one = new String(notification(subscription(), "forged", "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAAAAA="),
                StandardCharsets.UTF_8);
        String item = one.substring(one.indexOf('[') + 1, one.lastIndexOf(']'));
        StringBuilder body = new StringBuilder(10 * 1024 * 1024 + item.length()).append("{\"value\":[").append(item);
        while (body.length() < 10 * 1024 * 1024) {
            body.append(',').append(item);
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Subscription subscription() {
        List<Subscription> subscriptions = subscriptions();
        assertThat(subscriptions).hasSize(1);
        return subscriptions.get(0);
    }

    /**
     * The subscriptions to this class's mailbox now. The clientStates of all the emulator holds, whoever's, join
     * those the leak scan looks for.
     */
    private static List<Subscription> subscriptions() {
        List<Subscription> subscriptions = mailtrail.emulator().subscriptions();
        subscriptions.forEach(subscription -> clientStates.add(subscription.clientState()));
        return subscriptions.stream().filter(subscription -> MAILBOX.equalsIgnoreCase(subscription.mailboxAddress()))
                .toList();
    }

    // --- what the services show

    private static Optional<JsonNode> interactionOf(String internetMessageId) {
        return interactionsOf(internetMessageId).stream().findFirst();
    }

    private static List<JsonNode> interactionsOf(String internetMessageId) {
        JsonNode page = manager.get(matcher("/api/interactions?connectionId=" + CONNECTION + "&limit=200")).body();
        return page.path("items").valueStream()
                .filter(item -> internetMessageId.equals(item.path("internetMessageId").asString())).toList();
    }

    private static JsonNode ledger() {
        return admin.get(matcher("/api/ledger/" + CONNECTION)).body();
    }

    private static Optional<MessageView> inFolder(String folder, MessageView mail) {
        return mailtrail.emulator().messages(MAILBOX, folder).stream()
                .filter(message -> mail.immutableId().equals(message.immutableId())).findFirst();
    }

    /** Delta requests Graph received for this class's mailbox (the stack's other connections have rounds too). */
    private static long deltaRequests() {
        return mailtrail.emulator().requestLog().stream().filter(request -> "messages.delta".equals(request.operation())
                && MAILBOX.equalsIgnoreCase(request.mailbox())).count();
    }

    private static double notifications(String type, String outcome) {
        return ingestorMetric("mailtrail_notifications_received_total", "type", type, "outcome", outcome);
    }

    /** The sum of a meter's samples on the ingestor's Prometheus page whose tags include the given ones. */
    private static double ingestorMetric(String name, String... tags) {
        String page = api.exchange(HttpRequest.newBuilder(URI.create(ingestor("/actuator/prometheus")))
                .header("Accept", "text/plain").header("Authorization", "Bearer " + mailtrail.stack().metricsToken())
                .GET().build()).raw().body();
        double sum = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < tags.length; i += 2) {
                matches &= line.contains(tags[i] + "=\"" + tags[i + 1] + "\"");
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Records ever written to a topic (nothing is deleted during a run), 0 for a topic that does not exist. */
    private static long recordsOn(String topic) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    // --- tokens

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** mail-ingestor's client-credentials token for the token broker, as the ingestor gets it. */
    private static String brokerToken() {
        return serviceToken("mail-ingestor", "connections.token");
    }

    private static String serviceToken(String clientId, String permission) {
        return mailtrail.stack().identity().serviceToken(mailtrail.stack().issuer(), clientId, permission);
    }

    /** A well-formed token claiming mailtrail's issuer, audience and the given role, signed with a key of our own. */
    private static String foreignToken(String role) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims(role));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String unsignedToken(String role) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims(role)) + ".";
    }

    /** A genuine token whose roles were rewritten, the signature kept. */
    private static String escalated(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"mailtrail-service\"");
        return parts[0] + "." + base64(claims.replace("\"mailtrail-service\"", "\"mailtrail-admin\"")) + "."
                + parts[2];
    }

    private static String claims(String role) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + mailtrail.stack().issuer() + "\",\"sub\":\"intruder\",\"aud\":[\"mailtrail\","
                + "\"mailtrail-config-service\"],\"roles\":[\"" + role + "\"],\"scope\":\"connections.token\",\"iat\":"
                + now + ",\"exp\":" + (now + 3600) + "}";
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // --- addresses

    private static String config(String path) {
        return mailtrail.url("config-service") + path;
    }

    private static String ingestor(String path) {
        return mailtrail.url("mail-ingestor") + path;
    }

    private static String matcher(String path) {
        return mailtrail.url("interaction-matcher") + path;
    }
}
