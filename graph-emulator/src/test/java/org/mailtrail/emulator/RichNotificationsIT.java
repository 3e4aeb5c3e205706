package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.subscription.NotificationDispatcher;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Change notifications that include resource data (rich notifications) on Outlook messages. */
class RichNotificationsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OTHER_TENANT = "3b7c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    private static final String OTHER_CLIENT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String OTHER_SECRET = "other-test-secret";
    private static final String PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";
    private static final String SELECT = "subject,From,receivedDateTime,importance,toRecipients";

    private static final TestCertificates.Issued CERTIFICATE = TestCertificates.rsa(2048);

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard()
            .tenant(OTHER_TENANT, "fabrikam.com")
            .app(OTHER_CLIENT_ID, OTHER_SECRET, "*")
            .notifications(new NotificationDispatcher.Settings(Duration.ofMillis(800), 4, Duration.ofMillis(200),
                    Duration.ofMillis(50), 100)));

    private GraphServiceClient client;
    private WebhookReceiver receiver;
    private String mailbox;
    private String certificateId;

    @BeforeEach
    void setUp() {
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        receiver = WebhookReceiver.start();
        mailbox = Fixtures.newMailbox(graph.emulator(), "rich");
        certificateId = "notifications/" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        graph.emulator().clearNotificationFaults();
        receiver.close();
    }

    private Subscription richSubscription(String box, String select) {
        Subscription subscription = new Subscription();
        subscription.setChangeType("created");
        subscription.setNotificationUrl(receiver.notificationUrl());
        subscription.setResource("users/" + box + "/mailFolders('Inbox')/messages" + (select == null ? "" : "?$select=" + select));
        subscription.setExpirationDateTime(OffsetDateTime.now().plusMinutes(1400).truncatedTo(ChronoUnit.SECONDS));
        subscription.setClientState("rich-state");
        subscription.setIncludeResourceData(true);
        subscription.setEncryptionCertificate(CERTIFICATE.base64());
        subscription.setEncryptionCertificateId(certificateId);
        return subscription;
    }

    private Subscription richSubscription() {
        return richSubscription(mailbox, SELECT);
    }

    private Subscription subscribe(GraphServiceClient as, Subscription subscription) {
        return as.subscriptions().post(subscription, c -> c.headers.add("Prefer", "IdType=\"ImmutableId\""));
    }

    private void assertRefused(Subscription subscription, int status, String code, String message) {
        long before = subscriptionsOf(mailbox);
        assertThatThrownBy(() -> subscribe(client, subscription)).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(status);
            assertThat(e.getError().getCode()).isEqualTo(code);
            assertThat(e.getError().getMessage()).contains(message);
        });
        assertThat(subscriptionsOf(mailbox)).as("subscriptions of " + mailbox).isEqualTo(before);
    }

    private static long subscriptionsOf(String box) {
        return graph.emulator().subscriptions().stream().filter(s -> s.mailboxAddress().equals(box)).count();
    }

    private static Subscription with(Subscription subscription, Consumer<Subscription> change) {
        change.accept(subscription);
        return subscription;
    }

    @Test
    void refusesARichSubscriptionWithoutACertificate() {
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificate(null)), 400, "ValidationError",
                "encryptionCertificate is required when includeResourceData is true.");
    }

    @Test
    void refusesARichSubscriptionWithoutACertificateIdOrWithOneLongerThan128Characters() {
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificateId(null)), 400, "ValidationError",
                "encryptionCertificateId is required when includeResourceData is true.");
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificateId("c".repeat(129))), 400, "ValidationError",
                "encryptionCertificateId must be at most 128 characters long.");
    }

    @Test
    void refusesARichSubscriptionOnMessagesWithoutSelect() {
        assertRefused(richSubscription(mailbox, null), 400, "ExtensionError", "must name the properties to include with $select");
    }

    @Test
    void refusesTheQueryOptionsOutlookRefusesWithItsOwnWords() {
        String outlook = "Operation: Create; Exception: [Status Code: BadRequest; Reason: $top, $skip, $orderby, "
                + "$select=body,uniqueBody and $expand other than singleValueExtendedProperties,multiValueExtendedProperties "
                + "are not supported in subscription resource Url.]";

        assertRefused(richSubscription(mailbox, "subject,body"), 400, "ExtensionError", outlook);
        assertRefused(richSubscription(mailbox, "subject&$top=5"), 400, "ExtensionError", outlook);
    }

    @Test
    void refusesSomethingThatIsNotABase64Certificate() {
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificate("AAAAB3NzaC1yc2EAAAABIwAAAQEA18MJo8YuC7CH2gCiu6G70w==")),
                400, "ValidationError", "Certificate validation error: Cannot find the requested object.");
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificate("not base64 at all!")),
                400, "ValidationError", "Certificate validation error: Cannot find the requested object.");
    }

    @Test
    void refusesAKeyThatIsNotRsaOf2048To4096Bits() {
        TestCertificates.Issued small = TestCertificates.rsa(1024);
        TestCertificates.Issued elliptic = TestCertificates.ec();

        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificate(small.base64())), 400, "ValidationError",
                "the key size must be between 2048 and 4096 bits, not 1024");
        assertRefused(with(richSubscription(), s -> s.setEncryptionCertificate(elliptic.base64())), 400, "ValidationError",
                "the key must be of type RSA, not EC");
    }

    @Test
    void refusesARichSubscriptionOrRenewalForLongerThanADay() {
        assertRefused(with(richSubscription(), s -> s.setExpirationDateTime(OffsetDateTime.now().plusMinutes(1445))),
                400, "ExtensionError", "Subscription expiration can only be 1440 minutes in the future.");
        Subscription created = subscribe(client, richSubscription());
        Subscription tooLong = new Subscription();
        tooLong.setExpirationDateTime(OffsetDateTime.now().plusMinutes(1445).truncatedTo(ChronoUnit.SECONDS));

        assertThatThrownBy(() -> client.subscriptions().bySubscriptionId(created.getId()).patch(tooLong))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getMessage()).contains("1440 minutes");
                });
    }

    @Test
    void echoesIncludeResourceDataAndTheCertificateOnCreateAndOnGet() throws Exception {
        Subscription created = subscribe(client, richSubscription());
        Subscription read = client.subscriptions().bySubscriptionId(created.getId()).get();

        for (Subscription answer : List.of(created, read)) {
            assertThat(answer.getIncludeResourceData()).isTrue();
            assertThat(answer.getEncryptionCertificateId()).isEqualTo(certificateId);
            assertThat(answer.getEncryptionCertificate()).isEqualTo(CERTIFICATE.base64());
            assertThat(answer.getResource()).isEqualTo("users/" + mailbox + "/mailFolders('Inbox')/messages?$select=" + SELECT);
        }
        assertThat(graph.emulator().subscriptions()).filteredOn(s -> s.id().equals(created.getId())).singleElement()
                .satisfies(s -> {
                    assertThat(s.includeResourceData()).isTrue();
                    assertThat(s.encryptionCertificateId()).isEqualTo(certificateId);
                });
        HttpResponse<byte[]> listed = Clients.plainHttp(graph.emulator()).send(HttpRequest.newBuilder(
                URI.create(graph.emulator().controlUrl() + "/subscriptions")).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode entry = Json.parse(listed.body()).valueStream()
                .filter(s -> s.get("id").asString().equals(created.getId())).findFirst().orElseThrow();
        assertThat(entry.get("includeResourceData").asBoolean()).isTrue();
        assertThat(entry.get("encryptionCertificateId").asString()).isEqualTo(certificateId);
    }

    @Test
    void deliversAMailAsEncryptedContentHoldingExactlyTheSelectedProperties() throws Exception {
        Subscription created = subscribe(client, richSubscription());

        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        JsonNode item = receiver.awaitValues("notifications", 1, WAIT).get(0);
        assertThat(item.get("subscriptionId").asString()).isEqualTo(created.getId());
        assertThat(item.get("changeType").asString()).isEqualTo("created");
        assertThat(item.get("clientState").asString()).isEqualTo("rich-state");
        assertThat(item.get("tenantId").asString()).isEqualTo(TENANT);
        assertThat(item.get("resource").asString()).endsWith("/Messages/" + delivered.immutableId());
        JsonNode resourceData = item.get("resourceData");
        assertThat(resourceData.get("@odata.type").asString()).isEqualTo("#Microsoft.Graph.Message");
        assertThat(resourceData.get("@odata.id").asString()).isEqualTo(item.get("resource").asString());
        assertThat(resourceData.get("@odata.etag").asString()).startsWith("W/\"");
        assertThat(resourceData.get("id").asString()).isEqualTo(delivered.immutableId());
        JsonNode encrypted = item.get("encryptedContent");
        assertThat(encrypted.get("encryptionCertificateId").asString()).isEqualTo(certificateId);
        assertThat(encrypted.get("encryptionCertificateThumbprint").asString()).isEqualTo(thumbprint(CERTIFICATE));

        JsonNode content = ResourceDataDecryption.open(encrypted, CERTIFICATE.privateKey());

        assertThat(content).isEqualTo(expectedContent(delivered));
    }

    /** What Graph's example of a decrypted Outlook message shows, for the properties this test selects. */
    private static JsonNode expectedContent(MessageView delivered) {
        ObjectNode expected = Json.object();
        expected.put("receivedDateTime@odata.type", "#DateTimeOffset");
        expected.put("receivedDateTime", DateTimeFormatter.ISO_INSTANT.format(delivered.receivedDateTime()));
        expected.put("subject", "Order 1");
        expected.put("importance@odata.type", "#microsoft.graph.importance");
        expected.put("importance", "normal");
        ObjectNode from = expected.putObject("from");
        from.put("@odata.type", "#microsoft.graph.recipient");
        ObjectNode sender = from.putObject("emailAddress");
        sender.put("@odata.type", "#microsoft.graph.emailAddress");
        sender.put("name", "Jordan Smith");
        sender.put("address", "j.smith@fabrikam.example");
        expected.put("toRecipients@odata.type", "#Collection(microsoft.graph.recipient)");
        ObjectNode to = expected.putArray("toRecipients").addObject();
        to.put("@odata.type", "#microsoft.graph.recipient");
        ObjectNode recipient = to.putObject("emailAddress");
        recipient.put("@odata.type", "#microsoft.graph.emailAddress");
        recipient.put("name", "Anna Berger");
        recipient.put("address", "anna.berger@contoso.com");
        return expected;
    }

    @Test
    void aTamperedDataFailsTheSignatureCheck() throws Exception {
        subscribe(client, richSubscription());
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        JsonNode encrypted = receiver.awaitValues("notifications", 1, WAIT).get(0).get("encryptedContent");
        byte[] key = ResourceDataDecryption.symmetricKey(encrypted, CERTIFICATE.privateKey());
        byte[] data = Base64.getDecoder().decode(encrypted.get("data").asString());
        String signature = encrypted.get("dataSignature").asString();

        byte[] tampered = data.clone();
        tampered[tampered.length / 2] ^= 0x01;

        assertThat(ResourceDataDecryption.signatureMatches(data, signature, key)).isTrue();
        assertThat(ResourceDataDecryption.signatureMatches(tampered, signature, key)).isFalse();
    }

    @Test
    void signsValidationTokensWithAKeyEntraPublishesForThisAppAndTenant() throws Exception {
        subscribe(client, richSubscription());
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        JsonNode body = receiver.awaitPosts("notifications", 1, WAIT).get(0).body();

        assertThat(body.get("validationTokens").size()).isEqualTo(1);
        JsonNode claims = verifiedClaims(body.get("validationTokens").get(0).asString());
        assertThat(claims.get("aud").asString()).isEqualTo(CLIENT_ID);
        assertThat(claims.get("iss").asString()).isEqualTo("https://sts.windows.net/" + TENANT + "/");
        assertThat(claims.get("appid").asString()).isEqualTo(PUBLISHER_APP_ID);
        assertThat(claims.get("tid").asString()).isEqualTo(TENANT);
        assertThat(claims.get("ver").asString()).isEqualTo("1.0");
        long now = System.currentTimeMillis() / 1000;
        assertThat(claims.get("nbf").asLong()).isLessThanOrEqualTo(now);
        assertThat(claims.get("exp").asLong()).isGreaterThan(now);
        assertThat(jwks("/common/discovery/keys")).isEqualTo(jwks("/common/discovery/v2.0/keys"));
    }

    @Test
    void givesOneValidationTokenPerAppAndTenantInAPost() throws Exception {
        GraphServiceClient otherApp = Clients.graph(graph.emulator(),
                Clients.credential(graph.emulator(), OTHER_TENANT, OTHER_CLIENT_ID, OTHER_SECRET));
        String otherMailbox = "orders-" + UUID.randomUUID() + "@fabrikam.com";
        graph.emulator().addMailbox(OTHER_TENANT, otherMailbox);
        subscribe(client, richSubscription());
        subscribe(otherApp, richSubscription(otherMailbox, SELECT));
        receiver.answerNextSlowly();
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        receiver.awaitPosts("notifications", 1, WAIT);

        graph.emulator().deliver(mailbox, 2, n -> Fixtures.customerMail(1 + n));
        graph.emulator().deliver(otherMailbox, Fixtures.customerMail(4));
        receiver.releaseSlowAnswers();

        JsonNode batched = receiver.awaitPosts("notifications", 2, WAIT).get(1).body();
        assertThat(batched.get("value").size()).isEqualTo(3);
        assertThat(batched.get("validationTokens").valueStream().map(token -> verifiedClaims(token.asString()))
                .map(claims -> claims.get("aud").asString() + " in " + claims.get("tid").asString()))
                .containsExactlyInAnyOrder(CLIENT_ID + " in " + TENANT, OTHER_CLIENT_ID + " in " + OTHER_TENANT);
    }

    @Test
    void leavesSubscriptionsWithoutResourceDataAsTheyWere() throws Exception {
        Subscription basic = new Subscription();
        basic.setChangeType("created");
        basic.setNotificationUrl(receiver.notificationUrl());
        basic.setResource("users/" + mailbox + "/mailFolders('Inbox')/messages");
        basic.setExpirationDateTime(OffsetDateTime.now().plusMinutes(10_000).truncatedTo(ChronoUnit.SECONDS));
        Subscription created = subscribe(client, basic);

        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        assertThat(created.getIncludeResourceData()).isFalse();
        assertThat(created.getEncryptionCertificate()).isNull();
        assertThat(created.getEncryptionCertificateId()).isNull();
        JsonNode body = receiver.awaitPosts("notifications", 1, WAIT).get(0).body();
        assertThat(body.has("validationTokens")).isFalse();
        assertThat(body.get("value").get(0).has("encryptedContent")).isFalse();
        assertRefused(with(basic, s -> s.setResource("users/" + mailbox + "/messages?$select=subject")), 400,
                "InvalidRequest", "Query options in a subscription resource are not emulated");
    }

    @Test
    void dropsAndDuplicatesRichNotificationsLikeAnyOther() throws Exception {
        subscribe(client, richSubscription());
        graph.emulator().dropNextNotifications(1);
        MessageView lost = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        graph.emulator().duplicateNextNotifications(1);
        MessageView twice = graph.emulator().deliver(mailbox, Fixtures.customerMail(2));

        List<WebhookReceiver.Post> posts = receiver.awaitPosts("notifications", 2, WAIT);

        assertThat(posts).flatExtracting(WebhookReceiver.Post::values)
                .extracting(value -> value.get("resourceData").get("id").asString())
                .containsExactly(twice.immutableId(), twice.immutableId())
                .doesNotContain(lost.immutableId());
        assertThat(posts).allSatisfy(post -> {
            assertThat(post.body().get("validationTokens").size()).isEqualTo(1);
            assertThat(ResourceDataDecryption.open(post.values().get(0).get("encryptedContent"), CERTIFICATE.privateKey())
                    .get("subject").asString()).isEqualTo("Order 2");
        });
    }

    @Test
    void encryptsForTheNewCertificateOnceAPatchRotatesIt() throws Exception {
        Subscription created = subscribe(client, richSubscription());
        TestCertificates.Issued rotated = TestCertificates.rsa(2048);
        Subscription rotation = new Subscription();
        rotation.setEncryptionCertificate(rotated.base64());
        rotation.setEncryptionCertificateId("rotated");

        Subscription patched = client.subscriptions().bySubscriptionId(created.getId()).patch(rotation);
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        assertThat(patched.getEncryptionCertificateId()).isEqualTo("rotated");
        assertThat(patched.getEncryptionCertificate()).isEqualTo(rotated.base64());
        JsonNode encrypted = receiver.awaitValues("notifications", 1, WAIT).get(0).get("encryptedContent");
        assertThat(encrypted.get("encryptionCertificateId").asString()).isEqualTo("rotated");
        assertThat(encrypted.get("encryptionCertificateThumbprint").asString()).isEqualTo(thumbprint(rotated));
        assertThat(ResourceDataDecryption.open(encrypted, rotated.privateKey()).get("subject").asString()).isEqualTo("Order 1");
    }

    @Test
    void sendsAMessageThatLeftTheFolderAsDeletedWithoutEncryptedContent() throws Exception {
        subscribe(client, with(richSubscription(), s -> s.setChangeType("created,deleted")));
        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        receiver.awaitValues("notifications", 1, WAIT);

        graph.emulator().move(mailbox, delivered.immutableId(), "archive");

        JsonNode deleted = receiver.awaitValues("notifications", 2, WAIT).get(1);
        assertThat(deleted.get("changeType").asString()).isEqualTo("deleted");
        assertThat(deleted.get("resourceData").get("id").asString()).isEqualTo(delivered.immutableId());
        assertThat(deleted.has("encryptedContent")).isFalse();
    }

    /** Checks a validation token as Graph's page says a receiver must: signature against Entra's keys, then claims. */
    private JsonNode verifiedClaims(String token) {
        try {
            String[] parts = token.split("\\.");
            JsonNode header = Json.parse(Base64.getUrlDecoder().decode(parts[0]));
            assertThat(header.get("alg").asString()).isEqualTo("RS256");
            JsonNode discovery = getJson(graph.emulator().authorityHost() + "/common/v2.0/.well-known/openid-configuration");
            JsonNode key = getJson(discovery.get("jwks_uri").asString()).get("keys").valueStream()
                    .filter(k -> k.get("kid").asString().equals(header.get("kid").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no published key has kid " + header.get("kid")));
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asString())),
                    new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asString()))));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature of " + token).isTrue();
            return Json.parse(Base64.getUrlDecoder().decode(parts[1]));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode jwks(String path) {
        return getJson(graph.emulator().authorityHost() + path);
    }

    private JsonNode getJson(String url) {
        try {
            HttpResponse<byte[]> response = Clients.plainHttp(graph.emulator())
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
            return Json.parse(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String thumbprint(TestCertificates.Issued issued) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(issued.certificate().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
