package org.mailtrail.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.opportunity.InteractionLoggedBuilder.anInteraction;
import static org.mailtrail.opportunity.Kafka.WAIT;
import static org.mailtrail.opportunity.Kafka.ofType;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.opportunity.Api.Response;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/**
 * The opportunity API as the people who work opportunities use it: read, list, move through the
 * statuses, edit with merge patches, with If-Match against lost updates. Opportunities are made the
 * way users make them, by promoting logged interactions.
 */
@IntegrationTest
class OpportunityApiIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Nested
    class ReadingOne {

        @Test
        void answersAnUnknownOpportunityWithNotFound() {
            Response unknown = api.get("/api/opportunities/" + UUID.randomUUID());

            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(unknown.text("/title")).isEqualTo("Opportunity not found");
            assertThat(unknown.body().get("status").asInt()).isEqualTo(404);
        }

        @Test
        void answersAChangeToAnUnknownOpportunityWithNotFound() {
            Response unknown = change(UUID.randomUUID().toString(), "{\"status\":\"IN_PROGRESS\"}");

            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
        }
    }

    @Nested
    class MovingThroughTheStatuses {

        @Test
        void worksAnOpportunityToWonAndPublishesEachChange() {
            String id = anOpportunity();

            Response started = change(id, "{\"status\":\"IN_PROGRESS\"}");
            Response won = change(id, "{\"status\":\"WON\"}");

            assertThat(started.code()).isEqualTo(200);
            assertThat(started.text("/status")).isEqualTo("IN_PROGRESS");
            assertThat(started.body().has("closedAt")).isFalse();
            assertThat(won.code()).isEqualTo(200);
            assertThat(won.text("/status")).isEqualTo("WON");
            Instant closedAt = Instant.parse(won.text("/closedAt"));
            assertThat(closedAt).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

            List<JsonNode> changes = statusChangesOf(id, 2);
            assertThat(changes).extracting(c -> c.get("previousStatus").asString() + "→" + c.get("status").asString())
                    .containsExactly("NOT_STARTED→IN_PROGRESS", "IN_PROGRESS→WON");
            assertThat(changes.get(1).get("closedAt").asString()).isEqualTo(won.text("/closedAt"));
        }

        @Test
        void closesAnOpportunityThatWasNeverStarted() {
            String id = anOpportunity();

            Response lost = change(id, "{\"status\":\"LOST\"}");

            assertThat(lost.code()).isEqualTo(200);
            assertThat(lost.text("/status")).isEqualTo("LOST");
            assertThat(lost.body().has("closedAt")).isTrue();
        }

        @Test
        void refusesToReopenAClosedOpportunity() {
            String id = anOpportunity();
            change(id, "{\"status\":\"WON\"}");

            Response reopened = change(id, "{\"status\":\"IN_PROGRESS\"}");

            assertThat(reopened.code()).isEqualTo(409);
            assertThat(reopened.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(reopened.text("/title")).isEqualTo("Invalid status transition");
            assertThat(reopened.text("/currentStatus")).isEqualTo("WON");
            assertThat(reopened.text("/requestedStatus")).isEqualTo("IN_PROGRESS");
            assertThat(reopened.body().get("allowedStatuses").isEmpty()).isTrue();
            assertThat(api.get("/api/opportunities/" + id).text("/status")).isEqualTo("WON");
        }

        @Test
        void refusesToGoBackToNotStarted() {
            String id = anOpportunity();
            change(id, "{\"status\":\"IN_PROGRESS\"}");

            Response back = change(id, "{\"status\":\"NOT_STARTED\"}");

            assertThat(back.code()).isEqualTo(409);
            assertThat(back.body().get("allowedStatuses").valueStream().map(JsonNode::asString))
                    .containsExactly("WON", "LOST");
        }

        @Test
        void refusesToChangeAClosedOpportunity() {
            String id = anOpportunity();
            change(id, "{\"status\":\"LOST\"}");

            Response edited = change(id, "{\"probability\":80}");

            assertThat(edited.code()).isEqualTo(409);
            assertThat(edited.text("/title")).isEqualTo("Opportunity closed");
        }

        @Test
        void treatsTheCurrentStatusAsNoChange() {
            String id = anOpportunity();

            Response same = change(id, "{\"status\":\"NOT_STARTED\"}");

            assertThat(same.code()).isEqualTo(200);
            assertThat(same.header(HttpHeaders.ETAG)).isEqualTo("\"0\"");
        }
    }

    @Nested
    class EditingWithMergePatch {

        @Test
        void changesWhatIsGivenClearsWhatIsNullAndKeepsTheRest() {
            String id = anOpportunity();
            change(id, "{\"salesCycleCode\":\"NEW\",\"probability\":20}");

            Response edited = change(id,
                    "{\"salesCycleCode\":null,\"estimatedValue\":1250.75,\"currency\":\"DKK\",\"description\":\"Renewal\"}");

            assertThat(edited.code()).isEqualTo(200);
            assertThat(edited.body().has("salesCycleCode")).isFalse();
            assertThat(edited.body().get("estimatedValue").decimalValue()).isEqualByComparingTo("1250.75");
            assertThat(edited.text("/currency")).isEqualTo("DKK");
            assertThat(edited.text("/description")).isEqualTo("Renewal");
            assertThat(edited.body().get("probability").asInt()).isEqualTo(20);
            assertThat(edited.text("/status")).isEqualTo("NOT_STARTED");
            assertThat(edited.header(HttpHeaders.ETAG)).isEqualTo("\"2\"");
        }

        @Test
        void clearsTheCurrencyWithTheAmount() {
            String id = anOpportunity();
            change(id, "{\"estimatedValue\":100,\"currency\":\"EUR\"}");

            Response cleared = change(id, "{\"estimatedValue\":null}");

            assertThat(cleared.code()).isEqualTo(200);
            assertThat(cleared.body().has("estimatedValue")).isFalse();
            assertThat(cleared.body().has("currency")).isFalse();
        }

        @Test
        void refusesAnAmountWithoutCurrencyNamingTheField() {
            String id = anOpportunity();

            Response refused = change(id, "{\"estimatedValue\":100}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(refused.text("/errors/0/field")).isEqualTo("currency");
            assertThat(refused.text("/errors/0/reason")).isEqualTo("required with estimatedValue");
        }

        @Test
        void refusesAProbabilityAbove100NamingTheField() {
            String id = anOpportunity();

            Response refused = change(id, "{\"probability\":101}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("probability");
        }

        @Test
        void refusesFieldsThatCannotBeChanged() {
            String id = anOpportunity();

            Response refused = change(id, "{\"number\":\"OP-999999\",\"contactId\":\"CT999\"}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                    .containsExactly("number", "contactId");
        }

        @Test
        void refusesANullStatus() {
            String id = anOpportunity();

            Response refused = change(id, "{\"status\":null}");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("status");
        }
    }

    @Nested
    class GuardingAgainstLostUpdates {

        @Test
        void appliesAChangeMadeToTheCurrentVersion() {
            String id = anOpportunity();
            String etag = api.get("/api/opportunities/" + id).header(HttpHeaders.ETAG);

            Response changed = api.patch("/api/opportunities/" + id, "{\"probability\":50}", Map.of("If-Match", etag));

            assertThat(changed.code()).isEqualTo(200);
            assertThat(changed.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");
            assertThat(changed.body().get("version").asLong()).isEqualTo(1);
        }

        @Test
        void refusesAChangeMadeToAVersionThatIsNoLongerCurrent() {
            String id = anOpportunity();
            String read = api.get("/api/opportunities/" + id).header(HttpHeaders.ETAG);
            change(id, "{\"probability\":50}");

            Response stale = api.patch("/api/opportunities/" + id, "{\"status\":\"LOST\"}", Map.of("If-Match", read));

            assertThat(stale.code()).isEqualTo(412);
            assertThat(stale.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(stale.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");
            assertThat(api.get("/api/opportunities/" + id).text("/status")).isEqualTo("NOT_STARTED");
        }
    }

    @Nested
    class Listing {

        @Test
        void pagesThroughAContactsOpportunitiesNewestFirst() {
            String contact = "CT-" + UUID.randomUUID();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(anOpportunity(anInteraction().withContact(contact, "CT-CO").build()));
            }

            List<String> listed = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Response page = api.get("/api/opportunities?limit=2&contactId=" + contact
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.code()).isEqualTo(200);
                page.body().get("items").valueStream().forEach(item -> listed.add(item.get("id").asString()));
                cursor = page.body().has("nextCursor") ? page.text("/nextCursor") : null;
                pages++;
            } while (cursor != null && pages < 10);

            assertThat(pages).isEqualTo(3);
            assertThat(listed).containsExactlyElementsOf(newestFirst(created));
        }

        @Test
        void filtersBySalespersonAndStatus() {
            String salesperson = "SP" + UUID.randomUUID().toString().substring(0, 8);
            String won = anOpportunity(anInteraction().withSalesperson(salesperson).build());
            String open = anOpportunity(anInteraction().withSalesperson(salesperson).build());
            anOpportunity(anInteraction().withSalesperson("OTHER").build());
            change(won, "{\"status\":\"WON\"}");

            Response all = api.get("/api/opportunities?salespersonCode=" + salesperson);
            Response onlyWon = api.get("/api/opportunities?salespersonCode=" + salesperson + "&status=WON");

            assertThat(all.body().get("items").valueStream().map(item -> item.get("id").asString()))
                    .containsExactlyInAnyOrder(won, open);
            assertThat(onlyWon.body().get("items").valueStream().map(item -> item.get("id").asString()))
                    .containsExactly(won);
        }

        @Test
        void refusesACursorItDidNotIssue() {
            Response refused = api.get("/api/opportunities?cursor=not-a-cursor");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("cursor");
        }

        @Test
        void refusesAPageSizeOutOfRange() {
            Response refused = api.get("/api/opportunities?limit=1000");

            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.text("/errors/0/field")).isEqualTo("limit");
        }

        private List<String> newestFirst(List<String> ids) {
            return ids.stream().map(id -> api.get("/api/opportunities/" + id).body())
                    .sorted((a, b) -> {
                        int byTime = b.get("createdAt").asString().compareTo(a.get("createdAt").asString());
                        return byTime != 0 ? byTime : b.get("id").asString().compareTo(a.get("id").asString());
                    })
                    .map(node -> node.get("id").asString()).toList();
        }
    }

    private String anOpportunity() {
        return anOpportunity(anInteraction().build());
    }

    /** Logs the interaction as the matcher would, promotes it as a user would, and returns the opportunity's id. */
    private String anOpportunity(InteractionLogged interaction) {
        Kafka.publish(interaction);
        await().atMost(WAIT).until(() -> mongo.exists(query(where("_id").is(interaction.interactionId())),
                "interactions"));
        return api.promoteAndAwaitOpportunity(interaction.interactionId());
    }

    private Response change(String id, String json) {
        return api.patch("/api/opportunities/" + id, json, Map.of());
    }

    private List<JsonNode> statusChangesOf(String id, int count) {
        await().atMost(WAIT).until(() -> Kafka.allRecords(Topics.OPPORTUNITY_EVENTS,
                ofType(OpportunityStatusChanged.TYPE, id), Duration.ofMillis(500)).size() >= count);
        return Kafka.allRecords(Topics.OPPORTUNITY_EVENTS, ofType(OpportunityStatusChanged.TYPE, id),
                Duration.ofSeconds(1)).stream().map(Kafka::json).toList();
    }
}
