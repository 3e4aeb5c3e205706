package org.mailtrail.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.opportunity.InteractionLoggedBuilder.anInteraction;
import static org.mailtrail.opportunity.Kafka.WAIT;
import static org.mailtrail.opportunity.Kafka.header;
import static org.mailtrail.opportunity.Kafka.json;
import static org.mailtrail.opportunity.Kafka.ofType;
import static org.mailtrail.opportunity.PromoteInteractionBuilder.aPromotionOf;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.events.opportunity.PromotionRejected;
import org.mailtrail.opportunity.Api.Response;
import org.mailtrail.opportunity.opportunities.domain.Opportunities;
import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.opportunities.store.OpportunityDocument;
import org.mailtrail.opportunity.opportunities.store.OpportunityStore;
import org.mailtrail.opportunity.promotion.store.PromotionStore;
import org.mailtrail.platform.messaging.CloudEventHeaders;
import org.mailtrail.platform.messaging.PoisonMessageException;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Promotion end to end, on the real broker and MongoDB server: interactions arrive on
 * {@code interaction.events.v1}, promotions through the API or as commands other services publish,
 * and what a requester and a subscriber see is checked (status URLs, opportunities, events, DLQ).
 */
@IntegrationTest(properties = {
        "mailtrail.opportunity.interaction-wait=5s",
        "mailtrail.opportunity.sweep-interval=250ms",
        "mailtrail.outbox.relay-interval=500ms",
        // The tests leave records behind as another instance would: the relay must not wait the minute to look.
        "mailtrail.outbox.sweep-interval=500ms",
        // Long enough that an event written during a test is published by its writer, never the relay.
        "mailtrail.outbox.relay-grace=60s" })
class PromotionIT {

    private static final String DLQ = Topics.deadLetter(Topics.OPPORTUNITY_COMMANDS, "opportunity-service");
    private static final MatcherStub MATCHER = MatcherStub.start()
            .salesperson("anna.berg@contoso.com", "VA").salesperson("ole.dahl@contoso.com", "VO");

    @DynamicPropertySource
    static void matcher(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.opportunity.matcher-url", MATCHER::url);
    }

    @AfterAll
    static void stopMatcher() {
        MATCHER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Nested
    class WhoSeesWhat {

        @Test
        void aSalespersonPromotesAndSeesItsOwnInteractionsOpportunitiesAndPromotionsOnly() {
            Api anna = api.as(Tokens.personAt("anna.berg@contoso.com", "salesperson"));
            InteractionLogged annas = logged(anInteraction().withSalesperson("VA").withSubject("Anna's quote").build());
            InteractionLogged oles = logged(anInteraction().withSalesperson("VO").withSubject("Ole's quote").build());
            MATCHER.interaction(annas.interactionId(), "VA").interaction(oles.interactionId(), "VO");

            Response refused = anna.promote(oles.interactionId(), null, null);
            assertThat(refused.code()).isEqualTo(404);
            assertThat(refused.text("/type")).isEqualTo("urn:mailtrail:problem:interaction-not-found");
            assertThat(opportunitiesPromotedFrom(oles.interactionId())).isZero();

            Response own = anna.promote(annas.interactionId(), null, null);
            assertThat(own.code()).isEqualTo(202);
            assertThat(own.text("/requestedBy")).isEqualTo("anna.berg@contoso.com");
            String annasOpportunity = anna.awaitOutcome(own.header(HttpHeaders.LOCATION)).text("/opportunityId");

            // The sales manager promotes Ole's: Anna sees neither the opportunity nor the promotion.
            Response managers = api.promote(oles.interactionId(), null, null);
            String olesOpportunity = api.awaitOutcome(managers.header(HttpHeaders.LOCATION)).text("/opportunityId");
            assertThat(anna.get(managers.header(HttpHeaders.LOCATION)).code()).isEqualTo(404);
            assertThat(anna.get("/api/opportunities/" + olesOpportunity).code()).isEqualTo(404);
            assertThat(anna.patch("/api/opportunities/" + olesOpportunity, "{\"probability\":90}", Map.of()).code())
                    .isEqualTo(404);
            assertThat(api.get("/api/opportunities/" + olesOpportunity).body().path("probability").asInt(-1))
                    .as("the refused change changed nothing").isNotEqualTo(90);
            assertThat(anna.get("/api/opportunities/" + annasOpportunity).code()).isEqualTo(200);
            assertThat(ids(anna.get("/api/opportunities?limit=200"))).contains(annasOpportunity)
                    .doesNotContain(olesOpportunity);
            assertThat(ids(anna.get("/api/opportunities?salespersonCode=VO&limit=200"))).isEmpty();
            assertThat(ids(api.get("/api/opportunities?limit=200"))).contains(annasOpportunity, olesOpportunity);

            Api stranger = api.as(Tokens.personAt("nobody@contoso.com", "salesperson"));
            assertThat(ids(stranger.get("/api/opportunities?limit=200"))).as("a salesperson the directory does "
                    + "not know").isEmpty();
            assertThat(stranger.promote(annas.interactionId(), null, null).code()).isEqualTo(404);
        }

        private List<String> ids(Response page) {
            assertThat(page.code()).isEqualTo(200);
            return page.body().get("items").valueStream().map(item -> item.get("id").asString()).toList();
        }
    }

    @Nested
    class PromotingALoggedInteraction {

        @Test
        void createsTheOpportunityFromTheInteractionAndPublishesOpportunityCreated() {
            InteractionLogged interaction = logged(anInteraction().withContact("CT000200", "CT000201")
                    .withSalesperson("JD").withSubject("Order of 12 pallets").build());

            Response accepted = api.promote(interaction.interactionId(), null,
                    "{\"salesCycleCode\":\"NEW\",\"estimatedValue\":48000.50,\"currency\":\"EUR\",\"probability\":40}");

            assertThat(accepted.code()).isEqualTo(202);
            assertThat(accepted.header(HttpHeaders.LOCATION)).isEqualTo("/api/promotions/" + accepted.text("/commandId"));
            Response outcome = api.awaitOutcome(accepted.header(HttpHeaders.LOCATION));
            assertThat(outcome.text("/status")).isEqualTo("ACCEPTED");
            String opportunityId = outcome.text("/opportunityId");

            Response opportunity = api.get("/api/opportunities/" + opportunityId);
            JsonNode body = opportunity.body();
            assertThat(opportunity.code()).isEqualTo(200);
            assertThat(body.get("number").asString()).matches("OP-\\d{6}").isEqualTo(outcome.text("/opportunityNumber"));
            assertThat(body.get("contactId").asString()).isEqualTo("CT000200");
            assertThat(body.get("companyId").asString()).isEqualTo("CT000201");
            assertThat(body.get("salespersonCode").asString()).isEqualTo("JD");
            assertThat(body.get("description").asString()).isEqualTo("Order of 12 pallets");
            assertThat(body.get("status").asString()).isEqualTo("NOT_STARTED");
            assertThat(body.get("salesCycleCode").asString()).isEqualTo("NEW");
            assertThat(body.get("estimatedValue").decimalValue()).isEqualByComparingTo("48000.50");
            assertThat(body.get("currency").asString()).isEqualTo("EUR");
            assertThat(body.get("probability").asInt()).isEqualTo(40);
            assertThat(body.get("sourceInteractionIds").valueStream().map(JsonNode::asString))
                    .containsExactly(interaction.interactionId());
            assertThat(body.has("closedAt")).isFalse();
            assertThat(opportunity.header(HttpHeaders.ETAG)).isEqualTo("\"0\"");

            ConsumerRecord<String, byte[]> created = Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS,
                    ofType(OpportunityCreated.TYPE, opportunityId));
            JsonNode event = json(created);
            assertThat(event.get("interactionId").asString()).isEqualTo(interaction.interactionId());
            assertThat(event.get("commandId").asString()).isEqualTo(accepted.text("/commandId"));
            assertThat(event.get("number").asString()).isEqualTo(body.get("number").asString());
            assertThat(event.get("contactId").asString()).isEqualTo("CT000200");
            assertThat(event.get("companyId").asString()).isEqualTo("CT000201");
            assertThat(event.get("salespersonCode").asString()).isEqualTo("JD");
            assertThat(event.get("estimatedValue").decimalValue()).isEqualByComparingTo("48000.50");
            assertThat(header(created, CloudEventHeaders.SOURCE)).isEqualTo("/mailtrail/opportunity-service");
        }

        @Test
        void takesTheDescriptionGivenInsteadOfTheMailSubject() {
            InteractionLogged interaction = logged(anInteraction().withSubject("Re: your quote").build());

            Response outcome = api.awaitOutcome(api.promote(interaction.interactionId(), null,
                    "{\"description\":\"40 units, Q1 delivery\"}").header(HttpHeaders.LOCATION));

            assertThat(api.get("/api/opportunities/" + outcome.text("/opportunityId")).text("/description"))
                    .isEqualTo("40 units, Q1 delivery");
        }

        @Test
        void answersARetriedRequestWithTheSameCommand() {
            InteractionLogged interaction = logged(anInteraction().build());

            String key = "retry-" + UUID.randomUUID();
            Response first = api.promote(interaction.interactionId(), key, "{\"probability\":30}");

            Response retry = api.promote(interaction.interactionId(), key, "{\"probability\":30}");

            assertThat(retry.code()).isEqualTo(202);
            assertThat(retry.header(HttpHeaders.LOCATION)).isEqualTo(first.header(HttpHeaders.LOCATION));
            assertThat(api.awaitOutcome(retry.header(HttpHeaders.LOCATION)).text("/status")).isEqualTo("ACCEPTED");
        }

        @Test
        void refusesAnIdempotencyKeyReusedForADifferentRequest() {
            InteractionLogged interaction = logged(anInteraction().build());
            String key = "reused-" + UUID.randomUUID();
            api.promote(interaction.interactionId(), key, "{\"probability\":30}");

            Response reused = api.promote(interaction.interactionId(), key, "{\"probability\":90}");

            assertThat(reused.code()).isEqualTo(422);
            assertThat(reused.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(reused.text("/errors/0/field")).isEqualTo("Idempotency-Key");
        }

        @Test
        void answersAPromotionOfAnAlreadyPromotedInteractionWithItsOpportunity() {
            InteractionLogged interaction = logged(anInteraction().withSubject("First subject").build());
            String opportunityId = api.promoteAndAwaitOpportunity(interaction.interactionId());

            Response again = api.awaitOutcome(api.promote(interaction.interactionId(), null,
                    "{\"description\":\"another description\"}").header(HttpHeaders.LOCATION));

            assertThat(again.text("/status")).isEqualTo("ACCEPTED");
            assertThat(again.text("/opportunityId")).isEqualTo(opportunityId);
            assertThat(api.get("/api/opportunities/" + opportunityId).text("/description")).isEqualTo("First subject");
            assertThat(opportunitiesPromotedFrom(interaction.interactionId())).isEqualTo(1);
        }

        @Test
        void recordsWhoAskedFromTheTokenNotFromAHeaderAnyoneCanSet() {
            InteractionLogged interaction = logged(anInteraction().build());

            Response accepted = api.post("/api/interactions/" + interaction.interactionId() + "/promotions", null,
                    Map.of(HttpHeaders.FROM, "ceo@contoso.com"));

            assertThat(accepted.text("/requestedBy")).isEqualTo("maria.lopez@contoso.com");
            assertThat(api.awaitOutcome(accepted.header(HttpHeaders.LOCATION)).text("/requestedBy"))
                    .isEqualTo("maria.lopez@contoso.com");
        }

        @Test
        void answersAnUnknownCommandWithNotFound() {
            Response unknown = api.get("/api/promotions/" + UUID.randomUUID());

            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(unknown.text("/title")).isEqualTo("Promotion not found");
        }
    }

    @Nested
    class Metrics {

        @Test
        void countsPromotionsByOutcomeAndTimesEachCommandForPrometheus() {
            double createdBefore = completed("created");
            InteractionLogged interaction = logged(anInteraction().build());

            api.promoteAndAwaitOpportunity(interaction.interactionId());

            // The status URL shows the outcome as soon as it is stored; the consumer counts and times
            // the delivery a moment later, once it has also published the event.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(completed("created")).isEqualTo(createdBefore + 1);
                String scraped = api.metrics();
                assertThat(scraped).contains("mailtrail_promotions_completed_total{application=\"opportunity-service\","
                        + "outcome=\"created\",reason=\"none\"} " + (createdBefore + 1));
                assertThat(scraped).contains("mailtrail_promotion_commands_handled_seconds_bucket{application="
                        + "\"opportunity-service\",result=\"completed\",le=");
                assertThat(scraped).contains("mailtrail_promotions_settled_seconds_bucket{application="
                        + "\"opportunity-service\",outcome=\"created\",le=");
            });
        }
    }

    @Nested
    class RefusingInvalidRequests {

        @Test
        void refusesAProbabilityAbove100NamingTheField() {
            Response refused = api.promote("any-interaction", null, "{\"probability\":150}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(refused.text("/errors/0/field")).isEqualTo("probability");
            assertThat(refused.text("/errors/0/reason")).contains("100");
        }

        @Test
        void refusesACurrencyThatIsNotAnIso4217Code() {
            Response refused = api.promote("any-interaction", null, "{\"estimatedValue\":10,\"currency\":\"EURO\"}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("currency");
        }

        @Test
        void refusesAnAmountWithoutCurrency() {
            Response refused = api.promote("any-interaction", null, "{\"estimatedValue\":10}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("currency");
            assertThat(refused.text("/errors/0/reason")).isEqualTo("required with estimatedValue");
        }

        @Test
        void refusesAnOverlongIdempotencyKey() {
            Response refused = api.promote("any-interaction", "k".repeat(201), null);

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("Idempotency-Key");
        }
    }

    @Nested
    class ConcurrentPromotions {

        @Test
        void twentyConcurrentPromotionsOfOneInteractionMakeExactlyOneOpportunity() throws Exception {
            InteractionLogged interaction = logged(anInteraction().build());
            double createdBefore = completed("created");
            double existingBefore = completed("existing");

            // Ten requests share one Idempotency-Key (one command), ten have keys of their own.
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                keys.add(i < 10 ? "shared-key" : "own-key-" + i);
            }
            List<Response> answers = concurrently(keys, key -> api.promote(interaction.interactionId(), key, null));

            assertThat(answers).extracting(Response::code).containsOnly(202);
            Set<String> locations = answers.stream().map(a -> a.header(HttpHeaders.LOCATION)).collect(Collectors.toSet());
            assertThat(locations).hasSize(11);
            Set<String> opportunityIds = locations.stream().map(api::awaitOutcome)
                    .peek(outcome -> assertThat(outcome.text("/status")).isEqualTo("ACCEPTED"))
                    .map(outcome -> outcome.text("/opportunityId")).collect(Collectors.toSet());
            assertThat(opportunityIds).hasSize(1);
            String opportunityId = opportunityIds.iterator().next();

            assertThat(opportunitiesPromotedFrom(interaction.interactionId())).isEqualTo(1);
            assertThat(completed("created") - createdBefore).isEqualTo(1);
            assertThat(completed("existing") - existingBefore).isEqualTo(10);
            Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS, ofType(OpportunityCreated.TYPE, opportunityId));
            assertThat(Kafka.allRecords(Topics.OPPORTUNITY_EVENTS, ofType(OpportunityCreated.TYPE, opportunityId),
                    Duration.ofSeconds(3))).hasSize(1);
        }

        private <T> List<Response> concurrently(List<T> inputs, Function<T, Response> call)
                throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Response>> calls = inputs.stream()
                        .map(input -> CompletableFuture.supplyAsync(() -> {
                            awaitLatch(start);
                            return call.apply(input);
                        }, pool)).toList();
                start.countDown();
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                return calls.stream().map(CompletableFuture::join).toList();
            } finally {
                pool.shutdownNow();
            }
        }

        private void awaitLatch(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class CommandsFromOtherServices {

        @Test
        void aRedeliveredCommandCreatesNothing() {
            InteractionLogged interaction = logged(anInteraction().build());
            PromoteInteraction command = aPromotionOf(interaction.interactionId()).withProbability(25).build();
            Kafka.publish(command);
            Response first = api.awaitOutcome("/api/promotions/" + command.eventId());
            OpportunityDocument created = mongo.findById(first.text("/opportunityId"), OpportunityDocument.class);
            double repeatsBefore = handled("repeat");

            Kafka.publish(command);

            await().atMost(WAIT).until(() -> handled("repeat") > repeatsBefore);
            Response after = api.get("/api/promotions/" + command.eventId());
            assertThat(after.body()).isEqualTo(first.body());
            assertThat(opportunitiesPromotedFrom(interaction.interactionId())).isEqualTo(1);
            OpportunityDocument unchanged = mongo.findById(created.id(), OpportunityDocument.class);
            assertThat(unchanged.number()).isEqualTo(created.number());
            assertThat(unchanged.version()).isZero();
            assertThat(Kafka.allRecords(Topics.OPPORTUNITY_EVENTS, ofType(OpportunityCreated.TYPE, created.id()),
                    Duration.ofSeconds(2))).hasSize(1);
        }

        @Test
        void rejectsAnInvalidCommandAndDeadLettersItWithTheCause() {
            InteractionLogged interaction = logged(anInteraction().build());
            PromoteInteraction command = aPromotionOf(interaction.interactionId()).withProbability(150).build();

            Kafka.publish(command);

            ConsumerRecord<String, byte[]> deadLetter = Kafka.awaitRecord(DLQ,
                    record -> command.eventId().toString().equals(header(record, CloudEventHeaders.ID)));
            assertThat(header(deadLetter, "x-exception-message")).contains("probability");
            assertThat(deadLetter.key()).isEqualTo(interaction.interactionId());
            Response outcome = api.awaitOutcome("/api/promotions/" + command.eventId());
            assertThat(outcome.text("/status")).isEqualTo("REJECTED");
            assertThat(outcome.text("/reason")).isEqualTo("INVALID_COMMAND");
            assertThat(outcome.text("/detail")).contains("probability");
            JsonNode rejected = json(Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS,
                    ofType(PromotionRejected.TYPE, interaction.interactionId())));
            assertThat(rejected.get("commandId").asString()).isEqualTo(command.eventId().toString());
            assertThat(rejected.get("reason").asString()).isEqualTo("INVALID_COMMAND");
            assertThat(opportunitiesPromotedFrom(interaction.interactionId())).isZero();
        }

        @Test
        void deadLettersACommandThatCannotBeRead() {
            String key = "unreadable-" + UUID.randomUUID();

            Kafka.send(Topics.OPPORTUNITY_COMMANDS, key, "{\"interactionId\": oops".getBytes(StandardCharsets.UTF_8),
                    Map.of(CloudEventHeaders.TYPE, PromoteInteraction.TYPE, CloudEventHeaders.CONTENT_TYPE,
                            "application/json"));

            ConsumerRecord<String, byte[]> deadLetter = Kafka.awaitRecord(DLQ, record -> key.equals(record.key()));
            assertThat(header(deadLetter, "x-exception-message")).contains("not a valid PromoteInteraction");
            assertThat(header(deadLetter, "x-exception-fqcn")).isEqualTo(PoisonMessageException.class.getName());
            assertThat(header(deadLetter, "x-original-topic")).isEqualTo(Topics.OPPORTUNITY_COMMANDS);
            assertThat(header(deadLetter, "x-original-consumer-group")).isEqualTo("opportunity-service");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"interactionId\": oops");
        }
    }

    @Nested
    class WaitingForTheInteraction {

        @Test
        void acceptsAPromotionOnceItsInteractionArrivesWithinTheWait() {
            InteractionLogged interaction = anInteraction().withContact("CT000300", "CT000301").build();
            Response accepted = api.promote(interaction.interactionId(), null, null);
            String commandId = accepted.text("/commandId");
            await().atMost(WAIT).until(() -> mongo.exists(query(where("_id").is(commandId).and("waitUntil").ne(null)),
                    "promotions"));
            assertThat(api.get(accepted.header(HttpHeaders.LOCATION)).text("/status")).isEqualTo("PENDING");

            Kafka.publish(interaction);

            Response outcome = api.awaitOutcome(accepted.header(HttpHeaders.LOCATION));
            assertThat(outcome.text("/status")).isEqualTo("ACCEPTED");
            assertThat(api.get("/api/opportunities/" + outcome.text("/opportunityId")).text("/contactId"))
                    .isEqualTo("CT000300");
        }

        @Test
        void rejectsAPromotionWhoseInteractionNeverArrives() {
            String interactionId = "never-logged-" + UUID.randomUUID();
            Response accepted = api.promote(interactionId, null, null);

            Response outcome = api.awaitOutcome(accepted.header(HttpHeaders.LOCATION));

            assertThat(outcome.text("/status")).isEqualTo("REJECTED");
            assertThat(outcome.text("/reason")).isEqualTo("INTERACTION_NOT_FOUND");
            assertThat(outcome.text("/detail")).contains(interactionId);
            assertThat(Duration.between(Instant.parse(outcome.text("/requestedAt")),
                    Instant.parse(outcome.text("/completedAt")))).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            JsonNode rejected = json(Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS,
                    ofType(PromotionRejected.TYPE, interactionId)));
            assertThat(rejected.get("reason").asString()).isEqualTo("INTERACTION_NOT_FOUND");
            assertThat(rejected.get("commandId").asString()).isEqualTo(accepted.text("/commandId"));
        }
    }

    @Nested
    class PublishingAfterACrash {

        @Autowired
        OpportunityStore opportunities;

        @Autowired
        PromotionStore promotions;

        @Autowired
        Outbox outbox;

        @Test
        void publishesAnEventWhosePublicationWasNeverConfirmed() {
            String interactionId = "crashed-" + UUID.randomUUID();
            OpportunityCreated event = storedButNeverPublished(interactionId, UUID.randomUUID(),
                    clock.instant().minus(Duration.ofHours(1)));

            ConsumerRecord<String, byte[]> published = Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS,
                    ofType(OpportunityCreated.TYPE, event.opportunityId()));

            assertThat(header(published, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
            assertThat(json(published).get("number").asString()).isEqualTo(event.number());
            awaitNothingUnpublished(event.opportunityId());
        }

        @Test
        void aRedeliveredCommandPublishesWhatItsFirstDeliveryCouldNot() {
            InteractionLogged interaction = logged(anInteraction().build());
            PromoteInteraction command = aPromotionOf(interaction.interactionId()).build();
            // The first delivery stored the opportunity and decided the command, then died before the
            // send; the event is younger than the relay's grace, so only the redelivery can send it.
            OpportunityCreated event = storedButNeverPublished(interaction.interactionId(), command.eventId(),
                    clock.instant());
            promotions.register(command, OpportunityTerms.NONE, "first delivery");
            assertThat(promotions.accept(command.eventId().toString(), Opportunity.createdBy(event), clock.instant()))
                    .isTrue();

            Kafka.publish(command);

            ConsumerRecord<String, byte[]> published = Kafka.awaitRecord(Topics.OPPORTUNITY_EVENTS,
                    ofType(OpportunityCreated.TYPE, event.opportunityId()));
            assertThat(header(published, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
            awaitNothingUnpublished(event.opportunityId());
        }

        /** Stores an opportunity with its OpportunityCreated still in the outbox, as a crash leaves it. */
        private OpportunityCreated storedButNeverPublished(String interactionId, UUID commandId, Instant writtenAt) {
            String id = Opportunities.idFor(interactionId);
            OpportunityCreated event = new OpportunityCreated(EventIds.of(OpportunityCreated.TYPE, id), writtenAt, 1,
                    id, "OP-" + id.substring(0, 6), interactionId, commandId, "CT000400", "CT000401", "AB",
                    "Crashed before publishing", OpportunityStatus.NOT_STARTED, null, null, null, null);
            OutboxEntry entry = outbox.entry(event);
            OutboxEntry writtenThen = new OutboxEntry(entry.eventId(), entry.topic(), entry.key(), entry.type(),
                    entry.payload(), writtenAt, false);
            assertThat(opportunities.insertIfAbsent(Opportunity.createdBy(event), writtenThen)).isTrue();
            return event;
        }

        private void awaitNothingUnpublished(String opportunityId) {
            await().atMost(WAIT).until(() -> mongo.findById(opportunityId, OpportunityDocument.class).outbox()
                    .isEmpty());
        }
    }

    /** Publishes the interaction as the matcher would and waits until the projection has it. */
    private InteractionLogged logged(InteractionLogged interaction) {
        Kafka.publish(interaction);
        await().atMost(WAIT).until(() -> mongo.exists(query(where("_id").is(interaction.interactionId())),
                "interactions"));
        return interaction;
    }

    private long opportunitiesPromotedFrom(String interactionId) {
        return mongo.count(query(where("sourceInteractionId").is(interactionId)), OpportunityDocument.class);
    }

    private double completed(String outcome) {
        return meters.get("mailtrail.promotions.completed").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private double handled(String result) {
        var timer = meters.find("mailtrail.promotion.commands.handled").tag("result", result).timer();
        return timer == null ? 0 : timer.count();
    }
}
