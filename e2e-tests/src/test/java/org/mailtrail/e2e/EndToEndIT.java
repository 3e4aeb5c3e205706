package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.opportunity.OpportunityCreated;

import tools.jackson.databind.JsonNode;

/**
 * The whole of mailtrail as an administrator, a salesperson and a subscriber meet it: the four
 * services as separate processes from their jars, graph-emulator as Microsoft 365, a real Kafka
 * broker and a MongoDB-protocol server. The stack is {@link PipelineStack}'s, which {@link SecurityIT} uses after
 * this class.
 */
@Order(Order.DEFAULT + 1)
class EndToEndIT {

    private static final String MAILBOX = PipelineStack.E2E_MAILBOX;
    private static final String CONNECTION = "contoso-e2e";
    /** A connection that does not hold unmatched mail. */
    private static final String NO_HOLD_MAILBOX = PipelineStack.E2E_NO_HOLD_MAILBOX;
    private static final String NO_HOLD = "contoso-e2e-no-hold";
    /** A connection that holds unmatched mail for ten seconds only. */
    private static final String BRIEF_MAILBOX = PipelineStack.E2E_BRIEF_HOLD_MAILBOX;
    private static final String BRIEF = "contoso-e2e-brief-hold";
    private static final String HOLD_FOLDER = "Not logged";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = PipelineStack.mailtrail();
    /** Anna Berger, salesperson AB, to whom every mail of these tests is addressed. */
    private static final Api api = new Api().as(() -> mailtrail.stack().personToken("anna"));
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());

    /** Mail that arrived while the directory was still empty, as it does in a new installation. */
    private static final String BEFORE_THE_DIRECTORY_HELD = "<e2e-internal-" + UUID.randomUUID() + "@contoso.com>";
    private static final String BEFORE_THE_DIRECTORY_LEFT = "<e2e-early-" + UUID.randomUUID() + "@offers.example>";

    @BeforeAll
    static void connectTheMailboxesLetMailArriveBeforeTheDirectoryThenLoadIt() {
        mailtrail.connect(admin, CONNECTION, MAILBOX, Map.of());
        mailtrail.connect(admin, NO_HOLD, NO_HOLD_MAILBOX, Map.of("hold", Map.of("enabled", false)));
        mailtrail.connect(admin, BRIEF, BRIEF_MAILBOX, Map.of("hold", Map.of("enabled", true, "retention", "PT10S")));
        // The matcher knows the connection once config-service's record of it arrived.
        JsonNode empty = await().atMost(WAIT).until(() -> ledger(CONNECTION), ledger -> ledger.has("directory"));
        assertThat(empty.at("/directory/safeStart").asBoolean()).isTrue();
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(BEFORE_THE_DIRECTORY_HELD)
                .from("Anna Berger <anna.berger@contoso.com>").to("Sam Lee <sam.lee@contoso.com>")
                .subject("Lunch on Friday?").body("Shall we?").build());
        mailtrail.emulator().deliver(NO_HOLD_MAILBOX, Mail.builder().internetMessageId(BEFORE_THE_DIRECTORY_LEFT)
                .from("Spring Offers <news@offers.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("20% off").body("Only this week.").build());
        await().atMost(WAIT).until(() -> messageIn(MAILBOX, HOLD_FOLDER, BEFORE_THE_DIRECTORY_HELD).isPresent());
        await().atMost(WAIT).until(() -> ledger(NO_HOLD).at("/mailbox/LEFT").asLong() == 1);

        Directory.loadAnnaBergerAndJordanSmith(admin, mailtrail.url("interaction-matcher"));
    }

    @Test
    void nothingIsDeletedWhileTheDirectoryIsEmpty() {
        // Internal mail would be deleted at once, were there a directory: it was held instead, and stays held.
        assertThat(messageIn(MAILBOX, HOLD_FOLDER, BEFORE_THE_DIRECTORY_HELD)).isPresent();
        assertThat(messageIn(MAILBOX, "deleteditems", BEFORE_THE_DIRECTORY_HELD)).isEmpty();
        assertThat(ledger(CONNECTION).at("/heldByRule/INTERNAL_ONLY").asLong()).isEqualTo(1);
        // Where the connection does not hold, it was left where it arrived.
        assertThat(messageIn(NO_HOLD_MAILBOX, "inbox", BEFORE_THE_DIRECTORY_LEFT)).isPresent();
        assertThat(messageIn(NO_HOLD_MAILBOX, "deleteditems", BEFORE_THE_DIRECTORY_LEFT)).isEmpty();
        assertThat(ledger(NO_HOLD).at("/excludedByRule/UNKNOWN_SENDER").asLong()).isEqualTo(1);
        assertThat(ledger(CONNECTION).at("/directory/safeStart").asBoolean()).as("the directory has entries now")
                .isFalse();
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
    void theTraceOfAWebhookRequestReachesTheMatchersLineAndTheInteractionAndAPromotionsTraceItsOpportunity()
            throws IOException {
        Path ingestorLog = mailtrail.stack().logs().resolve("mail-ingestor.log");
        long ingestorLogBefore = Files.size(ingestorLog);
        String internetMessageId = "<e2e-traced-" + UUID.randomUUID() + "@fabrikam.example>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("Traced: a quote for 12 shelves").body("Could you quote?").build());

        String interactionId = await().atMost(WAIT).until(() -> interactionOf(internetMessageId), Optional::isPresent)
                .orElseThrow().path("id").asString();
        ConsumerRecord<String, String> logged = await().atMost(WAIT).until(() -> Traces.record(
                mailtrail.stack().bootstrapServers(), Topics.INTERACTION_EVENTS, InteractionLogged.TYPE, interactionId),
                Optional::isPresent).orElseThrow();
        String traceId = Traces.ofRecord(logged);
        // The webhook requests that told the ingestor of the connection's changes since the mail was delivered.
        assertThat(Traces.inLog(ingestorLog, ingestorLogBefore, "change notifications for connection " + CONNECTION + ":"))
                .as("trace ids of the webhook requests in the ingestor's log").contains(traceId);
        assertThat(Traces.inLog(mailtrail.stack().logs().resolve("interaction-matcher.log"), 0,
                "mail " + CONNECTION + "/" + internetMessageId + " matched:"))
                .as("trace ids of the matcher's line for the mail").containsExactly(traceId);

        String promotionTraceId = Traces.newTraceId();
        Api.Response promoted = api.post(mailtrail.url("opportunity-service") + "/api/interactions/" + interactionId
                + "/promotions", Map.of("Idempotency-Key", "e2e-traced-" + interactionId, "traceparent",
                        Traces.traceparent(promotionTraceId)), Map.of("probability", 30));
        assertThat(promoted.status()).isEqualTo(202);
        String status = mailtrail.url("opportunity-service") + promoted.header("Location");
        String opportunityId = await().atMost(WAIT).until(() -> api.get(status).body(),
                body -> "ACCEPTED".equals(body.path("status").asString())).path("opportunityId").asString();
        ConsumerRecord<String, String> created = await().atMost(WAIT).until(() -> Traces.record(
                mailtrail.stack().bootstrapServers(), Topics.OPPORTUNITY_EVENTS, OpportunityCreated.TYPE, opportunityId),
                Optional::isPresent).orElseThrow();
        assertThat(Traces.ofRecord(created)).as("the trace OpportunityCreated carries").isEqualTo(promotionTraceId);
    }

    @Test
    void anUnknownSendersMailIsHeldAndLoggedLateWithItsOriginalTimeOnceTheSenderIsImported() {
        JsonNode before = ledger(CONNECTION);
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@northwind.example>";
        Instant received = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Morgan Lee <morgan.lee@northwind.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("Can you quote 200 chairs?").body("We are new here.").sentDateTime(received.minusSeconds(30))
                .receivedDateTime(received).build());

        await().atMost(WAIT).until(() -> messageIn(MAILBOX, HOLD_FOLDER, internetMessageId), Optional::isPresent);
        await().atMost(WAIT).until(() -> ledger(CONNECTION).at("/heldByRule/UNKNOWN_SENDER").asLong()
                == before.at("/heldByRule/UNKNOWN_SENDER").asLong() + 1);
        assertThat(interactionOf(internetMessageId)).isEmpty();

        assertThat(admin.put(mailtrail.url("interaction-matcher") + "/api/directory/contacts", List.of(Map.of(
                "contactId", "CT-NW-ML", "name", "Morgan Lee", "type", "PERSON", "companyName", "Northwind",
                "email", "morgan.lee@northwind.example"))).status()).isEqualTo(200);

        JsonNode interaction = await().atMost(WAIT).until(() -> interactionOf(internetMessageId), Optional::isPresent)
                .orElseThrow();
        assertThat(interaction.path("contactId").asString()).isEqualTo("CT-NW-ML");
        assertThat(Instant.parse(interaction.path("interactionAt").asString())).isEqualTo(received);
        assertThat(interaction.path("loggedLate").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> messageIn(MAILBOX, "archive", internetMessageId), Optional::isPresent);
        assertThat(messageIn(MAILBOX, HOLD_FOLDER, internetMessageId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode ledger = ledger(CONNECTION);
            assertThat(ledger.path("loggedLate").asLong()).isEqualTo(before.path("loggedLate").asLong() + 1);
            assertThat(ledger.at("/heldByRule/UNKNOWN_SENDER").asLong())
                    .isEqualTo(before.at("/heldByRule/UNKNOWN_SENDER").asLong());
            assertThat(ledger.path("received").asLong()).isEqualTo(before.path("received").asLong() + 1);
        });
    }

    @Test
    void heldMailWhoseRetentionEndedIsDeletedAsTheConnectionSays() {
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@offers.example>";
        mailtrail.emulator().deliver(BRIEF_MAILBOX, Mail.builder().internetMessageId(internetMessageId)
                .from("Spring Offers <news@offers.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("30% off").body("Only today.").build());

        await().atMost(WAIT).until(() -> messageIn(BRIEF_MAILBOX, "deleteditems", internetMessageId),
                Optional::isPresent);
        assertThat(messageIn(BRIEF_MAILBOX, HOLD_FOLDER, internetMessageId)).isEmpty();
        assertThat(messageIn(BRIEF_MAILBOX, "inbox", internetMessageId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode ledger = ledger(BRIEF);
            assertThat(ledger.path("held").asLong()).isZero();
            assertThat(ledger.at("/excludedByRule/UNKNOWN_SENDER").asLong()).isEqualTo(1);
            assertThat(ledger.at("/mailbox/DELETED").asLong()).isEqualTo(1);
        });
    }

    @Test
    void aMailDeliveredTwiceIsDisposedOfTwiceCountedTwiceAndLoggedOnce() {
        JsonNode before = ledger(CONNECTION);
        String internetMessageId = "<e2e-" + UUID.randomUUID() + "@fabrikam.example>";
        Mail mail = Mail.builder().internetMessageId(internetMessageId).from("Jordan Smith <j.smith@fabrikam.example>")
                .to("Anna Berger <anna.berger@contoso.com>").subject("Order 4711").body("Please confirm.").build();
        // It matched two mail-flow rules: the mailbox received it twice.
        mailtrail.emulator().deliver(MAILBOX, mail);
        mailtrail.emulator().deliver(MAILBOX, mail);

        await().atMost(WAIT).until(() -> messagesIn(MAILBOX, "archive", internetMessageId).size() == 2);
        assertThat(messagesIn(MAILBOX, "inbox", internetMessageId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode ledger = ledger(CONNECTION);
            assertThat(ledger.path("received").asLong()).isEqualTo(before.path("received").asLong() + 2);
            assertThat(ledger.path("logged").asLong()).isEqualTo(before.path("logged").asLong() + 2);
            assertThat(ledger.path("copies").asLong()).isEqualTo(before.path("copies").asLong() + 1);
            assertThat(ledger.path("interactions").asLong()).isEqualTo(before.path("interactions").asLong() + 1);
        });
        assertThat(interactionsOf(internetMessageId)).hasSize(1);
    }

    @Test
    void aReplyInAPromotedConversationIsLinkedToItsOpportunityWithoutAnyCall() {
        String conversation = "AAQk-e2e-" + UUID.randomUUID();
        String question = "<e2e-" + UUID.randomUUID() + "@fabrikam.example>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(question).conversationId(conversation)
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject("Service contract").body("What would a service contract cost?").build());
        String promoted = await().atMost(WAIT).until(() -> interactionOf(question), Optional::isPresent).orElseThrow()
                .path("id").asString();
        Api.Response promotion = api.post(mailtrail.url("opportunity-service") + "/api/interactions/" + promoted
                + "/promotions", Map.of("Idempotency-Key", "e2e-" + promoted), Map.of("probability", 30));
        assertThat(promotion.status()).isEqualTo(202);
        String opportunityId = await().atMost(WAIT).until(() -> api.get(mailtrail.url("opportunity-service")
                + promotion.header("Location")).body(), body -> "ACCEPTED".equals(body.path("status").asString()))
                .path("opportunityId").asString();
        await().atMost(WAIT).until(() -> opportunityId.equals(api.get(mailtrail.url("interaction-matcher")
                + "/api/interactions/" + promoted).body().path("opportunityId").asString()));

        String answer = "<e2e-" + UUID.randomUUID() + "@contoso.com>";
        mailtrail.emulator().deliver(MAILBOX, Mail.builder().internetMessageId(answer).conversationId(conversation)
                .from("Anna Berger <anna.berger@contoso.com>").to("Jordan Smith <j.smith@fabrikam.example>")
                .subject("Re: Service contract").body("About 4,000 a year.").build());

        JsonNode reply = await().atMost(WAIT).until(() -> interactionOf(answer).filter(found -> found
                .has("opportunityId")), Optional::isPresent).orElseThrow();
        assertThat(reply.path("opportunityId").asString()).isEqualTo(opportunityId);
        assertThat(reply.path("opportunityLinkedBy").asString()).isEqualTo("CONVERSATION");
        assertThat(reply.path("direction").asString()).isEqualTo("OUTBOUND");
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
        return interactionsOf(internetMessageId).stream().findFirst();
    }

    private static List<JsonNode> interactionsOf(String internetMessageId) {
        JsonNode page = api.get(mailtrail.url("interaction-matcher") + "/api/interactions?connectionId=" + CONNECTION
                + "&limit=200").body();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            if (internetMessageId.equals(item.path("internetMessageId").asString())) {
                found.add(item);
            }
        }
        return found;
    }

    private static Optional<MessageView> messageIn(String folder, String internetMessageId) {
        return messageIn(MAILBOX, folder, internetMessageId);
    }

    private static Optional<MessageView> messageIn(String mailbox, String folder, String internetMessageId) {
        return messagesIn(mailbox, folder, internetMessageId).stream().findFirst();
    }

    private static List<MessageView> messagesIn(String mailbox, String folder, String internetMessageId) {
        return mailtrail.emulator().messages(mailbox, folder).stream()
                .filter(message -> internetMessageId.equals(message.internetMessageId())).toList();
    }

    private static JsonNode ledger(String connection) {
        return admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + connection).body();
    }

    private static Optional<ConsumerRecord<String, String>> recordOn(String topic, String text) {
        return Traces.firstRecord(mailtrail.stack().bootstrapServers(), topic,
                record -> record.value() != null && record.value().contains(text));
    }
}
