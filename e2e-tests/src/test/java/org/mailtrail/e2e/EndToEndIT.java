package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.e2e.MailtrailUnderTest.Tenant;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.events.Topics;

import tools.jackson.databind.JsonNode;

/**
 * The whole of mailtrail as an administrator, a salesperson and a subscriber meet it: the four
 * services as separate processes from their jars, graph-emulator as Microsoft 365, a real Kafka
 * broker and a MongoDB-protocol server.
 */
class EndToEndIT {

    private static final String TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    private static final String CLIENT = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    private static final String SECRET = "e2e-secret";
    private static final String MAILBOX = "crm-log@contoso.com";
    private static final String CONNECTION = "contoso-e2e";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = MailtrailUnderTest.forTenant("e2e", new Tenant(TENANT, CLIENT, SECRET))
            .mailbox(MAILBOX, "CRM log");
    /** Anna Berger, salesperson AB, to whom every mail of these tests is addressed. */
    private static final Api api = new Api().as(() -> mailtrail.stack().personToken("anna"));
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());

    @BeforeAll
    static void connectTheMailboxAndLoadTheDirectory() {
        mailtrail.connect(admin, CONNECTION, MAILBOX, Map.of());
        Directory.loadAnnaBergerAndJordanSmith(admin, mailtrail.url("interaction-matcher"));
    }

    @Test
    void aMailBecomesAnInteractionIsArchivedWithAWorkingLinkAndIsPromotedToAnOpportunity() {
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@fabrikam.example>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("Quote for 40 pallet racks").body("Could you send us a quote?")
                .sentDateTime(Instant.now().minusSeconds(5)).receivedDateTime(Instant.now()).build());

        JsonNode interaction = await().atMost(WAIT).until(() -> interactionOf(internetMessageId), Optional::isPresent)
                .orElseThrow();
        assertThat(interaction.path("contactId").asString()).isEqualTo("CT-FAB-JS");
        assertThat(interaction.path("salespersonCode").asString()).isEqualTo("AB");
        assertThat(interaction.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(interaction.path("description").asString()).isEqualTo("Quote for 40 pallet racks");
        String interactionId = interaction.path("id").asString();

        assertThat(await().atMost(WAIT).until(() -> recordOn(Topics.INTERACTION_EVENTS, interactionId), Optional::isPresent)
                .orElseThrow().value()).contains("\"interactionId\":\"" + interactionId + "\"");

        MessageView archived = await().atMost(WAIT).until(() -> messageIn("archive", internetMessageId), Optional::isPresent)
                .orElseThrow();
        assertThat(messageIn("inbox", internetMessageId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            Api.Response link = api.get(mailtrail.url("interaction-matcher") + "/api/interactions/" + interactionId
                    + "/message");
            assertThat(link.status()).isEqualTo(302);
            assertThat(link.header("Location")).isEqualTo(archived.webLink());
        });

        Api.Response promoted = api.post(mailtrail.url("opportunity-service") + "/api/interactions/" + interactionId
                + "/promotions", Map.of("Idempotency-Key", "e2e-" + interactionId), Map.of("probability", 40));
        assertThat(promoted.status()).isEqualTo(202);
        String status = mailtrail.url("opportunity-service") + promoted.header("Location");
        JsonNode accepted = await().atMost(WAIT).until(() -> api.get(status).body(),
                body -> "ACCEPTED".equals(body.path("status").asString()));
        String opportunityId = accepted.path("opportunityId").asString();
        JsonNode opportunity = api.get(mailtrail.url("opportunity-service") + "/api/opportunities/" + opportunityId).body();
        assertThat(opportunity.path("contactId").asString()).isEqualTo("CT-FAB-JS");
        assertThat(opportunity.path("salespersonCode").asString()).isEqualTo("AB");
        assertThat(opportunity.path("description").asString()).isEqualTo("Quote for 40 pallet racks");

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(mailtrail.url("interaction-matcher")
                + "/api/interactions/" + interactionId).body().path("opportunityId").asString()).isEqualTo(opportunityId));
    }

    @Test
    void anUnknownSendersMailLeavesTheInboxForDeletedItemsAndCountsInTheLedger() {
        long before = unknownSenders();
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@offers.example>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Spring Offers <news@offers.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("20% off").body("Only this week.").build());

        await().atMost(WAIT).until(() -> messageIn("deleteditems", internetMessageId), Optional::isPresent);
        assertThat(messageIn("inbox", internetMessageId)).isEmpty();
        await().atMost(WAIT).until(() -> unknownSenders() == before + 1);
        assertThat(interactionOf(internetMessageId)).isEmpty();
    }

    @Test
    void keepsReadingTheMailboxAfterGraphRefusesEveryTokenIssuedSoFar() {
        // config-service still holds the refused token in its cache for most of an hour: the ingestor must get
        // it replaced there, not just forget its own copy.
        mailtrail.emulator().expireAccessTokens();
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@fabrikam.example>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("Delivery dates").body("When can you deliver?").build());

        assertThat(await().atMost(WAIT).until(() -> interactionOf(internetMessageId), Optional::isPresent)).isPresent();
    }

    private static Optional<JsonNode> interactionOf(String internetMessageId) {
        JsonNode page = api.get(mailtrail.url("interaction-matcher") + "/api/interactions?connectionId=" + CONNECTION
                + "&limit=200").body();
        for (JsonNode item : page.path("items")) {
            if (internetMessageId.equals(item.path("internetMessageId").asString())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static Optional<MessageView> messageIn(String folder, String internetMessageId) {
        return mailtrail.emulator().messages(MAILBOX, folder).stream()
                .filter(message -> internetMessageId.equals(message.internetMessageId())).findFirst();
    }

    private static long unknownSenders() {
        JsonNode ledger = admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + CONNECTION).body();
        return ledger == null ? 0 : ledger.at("/excludedByRule/UNKNOWN_SENDER").asLong();
    }

    private static Optional<ConsumerRecord<String, String>> recordOn(String topic, String text) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() != null && record.value().contains(text)) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
