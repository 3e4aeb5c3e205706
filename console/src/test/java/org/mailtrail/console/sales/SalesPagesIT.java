package org.mailtrail.console.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.console.testing.PagesAgainstStubs;
import org.mailtrail.console.testing.SignedIn;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The salesperson's and sales manager's pages besides the log, rendered by the running console against
 * interaction-matcher and opportunity-service as real HTTP servers (stubs that answer as the services' APIs do): what
 * each page shows, what it asks the services (with the person's own token), and how it shows their refusals.
 */
@IntegrationTest
class SalesPagesIT extends PagesAgainstStubs {

    static final String ANNA = """
            {"subject":"anna","name":"anna.berger@contoso.com","roles":["salesperson"],"salespersonCodes":["AB"]}""";
    static final String MARIA = """
            {"subject":"maria","name":"maria.lopez@contoso.com","roles":["sales-manager"],"salespersonCodes":[]}""";

    static final String TOM = """
            {"id":"CT-NW-TW","name":"Tom Weber","type":"PERSON","companyId":"CT-NW","companyName":"Northwind Traders",
             "email":"tom.weber@northwind.example","alternateEmails":["tw@northwind.example"],"privacyBlocked":false}""";

    SignedIn anna() {
        return signedIn("anna", "Anna Berger", ANNA);
    }

    SignedIn maria() {
        return signedIn("maria", "Maria Lopez", MARIA);
    }

    MockHttpServletResponse perform(SignedIn person, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(person.session)).andReturn().getResponse();
    }

    static String interaction(String id, String description, String opportunityId, String opportunityNumber) {
        String linkedBy = opportunityId == null ? null : "PROMOTION";
        return interaction(id, description, opportunityId, opportunityNumber, linkedBy, false);
    }

    /**
     * @param linkedBy how the entry came to its opportunity (PROMOTION or CONVERSATION); absent without one
     * @param loggedLate held first, logged once the directory knew its people
     */
    static String interaction(String id, String description, String opportunityId, String opportunityNumber,
            String linkedBy, boolean loggedLate) {
        return """
                {"id":"%s","connectionId":"demo","contactId":"CT-NW-TW","contactName":"Tom Weber","companyId":"CT-NW",
                 "companyName":"Northwind Traders","salespersonCode":"AB","salespersonName":"Anna Berger",
                 "direction":"INBOUND","initiatedBy":"THEM","interactionAt":"2026-12-02T09:30:00Z",
                 "description":"%s","matchedBy":"PRIMARY","contactAddress":"tom.weber@northwind.example",
                 "conversationId":"conv-1","hasAttachments":false,%s"loggedLate":%s,"loggedAt":"2026-12-02T09:31:00Z",
                 "messageUrl":"/api/interactions/%s/message"}"""
                .formatted(id, description, opportunityId == null ? ""
                        : "\"opportunityId\":\"" + opportunityId + "\",\"opportunityNumber\":\"" + opportunityNumber
                                + "\",\"opportunityLinkedBy\":\"" + linkedBy + "\",", loggedLate, id);
    }

    static String opportunity(String status, long version) {
        return """
                {"id":"opp-1","number":"OP-000001","description":"Order 4718","contactId":"CT-NW-TW","companyId":"CT-NW",
                 "salespersonCode":"AB","status":"%s","salesCycleCode":"NEW","estimatedValue":48000.00,"currency":"EUR",
                 "probability":40,"createdAt":"2026-12-02T10:00:00Z","sourceInteractionIds":["i-1"],"version":%d}"""
                .formatted(status, version);
    }

    static String promotion(String status, String extra) {
        return """
                {"commandId":"cmd-1","interactionId":"i-2","status":"%s","requestedBy":"anna.berger@contoso.com",
                 %s"requestedAt":"2026-12-02T11:00:00Z"}""".formatted(status, extra);
    }

    @Nested
    class BadInput {

        @Test
        void aPagesOwnBadParameterIsAnsweredWithAPageThatNamesIt() throws Exception {
            MockHttpServletResponse tooLong = perform(anna(), get("/log").param("contact", "x".repeat(101)));
            MockHttpServletResponse notADate = perform(anna(), get("/log").param("from", "not-a-date"));

            for (MockHttpServletResponse response : new MockHttpServletResponse[] { tooLong, notADate }) {
                assertThat(response.getStatus()).isEqualTo(400);
                assertThat(response.getContentType()).startsWith("text/html");
                assertThat(response.getContentAsString()).contains("<h1>That request was not understood</h1>",
                        "Anna Berger");
            }
            assertThat(tooLong.getContentAsString()).contains("<strong>contact</strong>", "size must be between 0 and 100");
            assertThat(notADate.getContentAsString()).contains("<strong>from</strong>", "is not a valid value");
            assertThat(services.requests()).noneMatch(request -> request.path().equals("/api/interactions"));
        }
    }

    @Nested
    class ContactPage {

        @Test
        void showsTheCardAndTheTimelineByConversationWithTheLinksOfEachEntry() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/directory/contacts/CT-NW-TW", 200, TOM);
            services.on("GET", "/api/contacts/CT-NW-TW/timeline", 200, """
                    {"items":[{"conversationId":"conv-1","subject":"Order 4718","firstAt":"2026-12-01T08:00:00Z",
                               "lastAt":"2026-12-02T09:30:00Z","interactionCount":2,
                               "interactions":[%s,%s]}],
                     "nextCursor":"NEXT-CURSOR"}""".formatted(interaction("i-2", "RE: Order 4718", null, null),
                    interaction("i-1", "Order 4718", "opp-1", "OP-000001")));

            MockHttpServletResponse page = perform(anna, get("/contacts/CT-NW-TW"));

            assertThat(page.getStatus()).isEqualTo(200);
            String html = page.getContentAsString();
            assertThat(html).contains("<h1 id=\"contact-name\">Tom Weber</h1>", "Northwind Traders",
                    "tom.weber@northwind.example", "tw@northwind.example", "Person", "href=\"/contacts/CT-NW\"");
            assertThat(html).contains("<h3 id=\"conversation-0-subject\">Order 4718</h3>", "2 messages");
            assertThat(html).contains("href=\"/log/i-2/mail\"", "href=\"/log/i-1/mail\"",
                    "href=\"/log/i-2/opportunity\"", "href=\"/opportunities/opp-1\"", ">OP-000001</a>");
            assertThat(html).doesNotContain("href=\"/log/i-1/opportunity\"");
            assertThat(html).as("a salesperson sees no salesperson column").doesNotContain(">Salesperson</th>");
            assertThat(html).contains("href=\"/contacts/CT-NW-TW?cursor=NEXT-CURSOR\"");
            var timeline = services.requests("GET", "/api/contacts/CT-NW-TW/timeline").get(0);
            assertThat(timeline.query()).isEqualTo("limit=20");
            assertThat(timeline.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + anna.accessToken);
        }

        @Test
        void showsAManagerWhoseEachEntryIsAndPassesTheCursorOn() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/directory/contacts/CT-NW-TW", 200, TOM);
            services.on("GET", "/api/contacts/CT-NW-TW/timeline", 200, """
                    {"items":[{"conversationId":"conv-1","subject":"Order 4718","firstAt":"2026-12-02T09:30:00Z",
                               "lastAt":"2026-12-02T09:30:00Z","interactionCount":1,"interactions":[%s]}]}"""
                    .formatted(interaction("i-2", "Order 4718", null, null)));

            String html = perform(maria, get("/contacts/CT-NW-TW").param("cursor", "ABC")).getContentAsString();

            assertThat(html).contains(">Salesperson</th>", ">Anna Berger</td>", "1 message");
            assertThat(html).doesNotContain("Older conversations");
            assertThat(services.requests("GET", "/api/contacts/CT-NW-TW/timeline").get(0).query())
                    .isEqualTo("limit=20&cursor=ABC");
        }

        @Test
        void saysSoWhenTheMatcherDoesNotShowThePersonTheContact() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/directory/contacts/CT-OTHER", 404, """
                    {"type":"urn:mailtrail:problem:contact-not-found","title":"Not Found","status":404,
                     "detail":"no contact CT-OTHER"}""");

            MockHttpServletResponse page = perform(anna, get("/contacts/CT-OTHER"));

            assertThat(page.getStatus()).isEqualTo(404);
            assertThat(page.getContentAsString()).contains("no contact CT-OTHER", "interaction-matcher");
            assertThat(services.requests("GET", "/api/contacts/CT-OTHER/timeline")).isEmpty();
        }
    }

    @Nested
    class LinkedByConversation {

        /** i-3 came to OP-000001 by its conversation and was logged late; i-1 was promoted itself. */
        String log() {
            return """
                    {"items":[%s,%s]}""".formatted(
                    interaction("i-3", "RE: Order 4718", "opp-1", "OP-000001", "CONVERSATION", true),
                    interaction("i-1", "Order 4718", "opp-1", "OP-000001", "PROMOTION", false));
        }

        @Test
        void showsHowAnEntryCameToItsOpportunityAndWhichWasLoggedLateButOffersASalespersonNoUnlink()
                throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions", 200, log());

            String html = perform(anna, get("/log")).getContentAsString();

            assertThat(html).contains("id=\"linked-by-conversation-i-3\"", ">linked by conversation</span>",
                    "id=\"logged-late-i-3\"", ">logged late</span>");
            assertThat(html).doesNotContain("id=\"linked-by-conversation-i-1\"", "id=\"logged-late-i-1\"",
                    "/opportunity/unlink", ">Unlink</button>");
        }

        @Test
        void offersAManagerToUnlinkAConversationsLinkOnlyAndUnlinksItInPlace() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/interactions", 200, log());
            services.on("DELETE", "/api/interactions/i-3/opportunity", 200,
                    interaction("i-3", "RE: Order 4718", null, null, null, true));
            String page = perform(maria, get("/log")).getContentAsString();
            assertThat(page).contains("id=\"unlink-form-i-3\"", "hx-post=\"/log/i-3/opportunity/unlink\"",
                    "hx-target=\"#opportunity-link-i-3\"", "name=\"from\" value=\"log\"", "id=\"unlink-i-3\"");
            assertThat(page).as("a promoted entry's own link cannot be undone").doesNotContain("unlink-form-i-1");

            MockHttpServletResponse unlinked = perform(maria, post("/log/i-3/opportunity/unlink")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "log"));

            assertThat(unlinked.getStatus()).isEqualTo(200);
            assertThat(unlinked.getContentAsString()).doesNotContain("<html", "OP-000001", "Unlink").contains(
                    "id=\"opportunity-link-i-3\"", "href=\"/log/i-3/opportunity\"", "Create opportunity");
            var delete = services.requests("DELETE", "/api/interactions/i-3/opportunity");
            assertThat(delete).singleElement().satisfies(request -> assertThat(
                    request.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + maria.accessToken));
        }

        @Test
        void unlinksFromTheContactsTimelineAndGoesBackToIt() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/directory/contacts/CT-NW-TW", 200, TOM);
            services.on("GET", "/api/contacts/CT-NW-TW/timeline", 200, """
                    {"items":[{"conversationId":"conv-1","subject":"Order 4718","firstAt":"2026-12-01T08:00:00Z",
                               "lastAt":"2026-12-02T09:30:00Z","interactionCount":1,"interactions":[%s]}]}"""
                    .formatted(interaction("i-3", "RE: Order 4718", "opp-1", "OP-000001", "CONVERSATION", true)));
            services.on("DELETE", "/api/interactions/i-3/opportunity", 200,
                    interaction("i-3", "RE: Order 4718", null, null, null, true));
            String page = perform(maria, get("/contacts/CT-NW-TW")).getContentAsString();
            assertThat(page).contains("id=\"linked-by-conversation-i-3\"", "id=\"logged-late-i-3\"",
                    "id=\"unlink-form-i-3\"", "name=\"from\" value=\"contact\"");
            assertThat(page).as("the timeline does not use htmx").doesNotContain("hx-post");

            MockHttpServletResponse unlinked = perform(maria, post("/log/i-3/opportunity/unlink")
                    .param("_csrf", SignedIn.csrf(page)).param("from", "contact"));

            assertThat(unlinked.getStatus()).isEqualTo(302);
            assertThat(unlinked.getHeader(HttpHeaders.LOCATION)).isEqualTo("/contacts/CT-NW-TW");
            assertThat(services.requests("DELETE", "/api/interactions/i-3/opportunity")).hasSize(1);
        }

        @Test
        void showsTheLinkOnTheEntryItselfAndUnlinksItThere() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/interactions/i-3", 200,
                    interaction("i-3", "RE: Order 4718", "opp-1", "OP-000001", "CONVERSATION", true));
            services.on("DELETE", "/api/interactions/i-3/opportunity", 200,
                    interaction("i-3", "RE: Order 4718", null, null, null, true));
            String page = perform(maria, get("/log/i-3/opportunity")).getContentAsString();
            assertThat(page).contains("This entry belongs to an opportunity", "id=\"linked-by-conversation-i-3\"",
                    "id=\"logged-late-i-3\"", "name=\"from\" value=\"entry\"", "href=\"/opportunities/opp-1\"");

            MockHttpServletResponse unlinked = perform(maria, post("/log/i-3/opportunity/unlink")
                    .param("_csrf", SignedIn.csrf(page)).param("from", "entry"));

            assertThat(unlinked.getStatus()).isEqualTo(302);
            assertThat(unlinked.getHeader(HttpHeaders.LOCATION)).isEqualTo("/log/i-3/opportunity");
        }

        @Test
        void showsTheMatchersRefusalOfAnUnlinkAsAProblem() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/interactions", 200, log());
            services.on("DELETE", "/api/interactions/i-3/opportunity", 409, """
                    {"type":"urn:mailtrail:problem:not-linked-by-conversation","title":"Not linked by conversation",
                     "status":409,"detail":"interaction i-3 is not linked to an opportunity by its conversation"}""");
            services.on("DELETE", "/api/interactions/i-9/opportunity", 404, """
                    {"type":"urn:mailtrail:problem:interaction-not-found","title":"Interaction not found",
                     "status":404,"detail":"no interaction i-9"}""");
            String page = perform(maria, get("/log")).getContentAsString();

            MockHttpServletResponse conflict = perform(maria, post("/log/i-3/opportunity/unlink")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "log"));
            MockHttpServletResponse notFound = perform(maria, post("/log/i-9/opportunity/unlink")
                    .param("_csrf", SignedIn.csrf(page)).param("from", "contact"));

            assertThat(conflict.getStatus()).isEqualTo(409);
            assertThat(conflict.getContentAsString()).doesNotContain("<html").contains(
                    "<h2>Not linked by conversation</h2>", "is not linked to an opportunity by its conversation",
                    "Answered by interaction-matcher (HTTP 409).");
            assertThat(notFound.getStatus()).isEqualTo(404);
            assertThat(notFound.getContentAsString()).contains("<h1>Interaction not found</h1>", "no interaction i-9");
        }
    }

    @Nested
    class CreatingAnOpportunity {

        @Test
        void showsTheEntryAndAFormPrefilledWithTheSubjectAndANewKey() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote for 40 units", null, null));

            String first = perform(anna, get("/log/i-2/opportunity")).getContentAsString();
            String second = perform(anna, get("/log/i-2/opportunity")).getContentAsString();

            assertThat(first).contains("Tom Weber", "datetime=\"2026-12-02T09:30:00Z\"",
                    "name=\"description\" maxlength=\"500\" value=\"Quote for 40 units\"",
                    "name=\"estimatedValue\"", "name=\"currency\"", "name=\"probability\"");
            assertThat(key(first)).isNotBlank().isNotEqualTo(key(second));
        }

        @Test
        void saysSoWhenTheEntryIsAlreadyAnOpportunity() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-1", 200, interaction("i-1", "Order 4718", "opp-1", "OP-000001"));

            String html = perform(anna, get("/log/i-1/opportunity")).getContentAsString();

            assertThat(html).contains("already an opportunity", "href=\"/opportunities/opp-1\"", "OP-000001");
            assertThat(html).doesNotContain("name=\"idempotencyKey\"");
        }

        @Test
        void sendsTheFormWithItsKeySoThatSendingItTwiceIsOnePromotion() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));
            services.on("POST", "/api/interactions/i-2/promotions", 202, promotion("PENDING", ""),
                    "Location", "/api/promotions/cmd-1", "Retry-After", "1");
            String form = perform(anna, get("/log/i-2/opportunity")).getContentAsString();
            String key = key(form);

            for (int i = 0; i < 2; i++) {
                MockHttpServletResponse sent = perform(anna, post("/log/i-2/opportunity")
                        .param("_csrf", SignedIn.csrf(form)).param("idempotencyKey", key)
                        .param("description", "Quote for 40 units").param("estimatedValue", "48000.50")
                        .param("currency", "eur").param("probability", "40").param("salesCycleCode", ""));
                assertThat(sent.getStatus()).isEqualTo(303);
                assertThat(sent.getHeader(HttpHeaders.LOCATION)).isEqualTo("/promotions/cmd-1");
            }

            var requests = services.requests("POST", "/api/interactions/i-2/promotions");
            assertThat(requests).hasSize(2).allSatisfy(request -> {
                assertThat(request.header("Idempotency-Key")).isEqualTo(key);
                assertThat(request.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + anna.accessToken);
                assertThat(request.body()).isEqualTo("{\"description\":\"Quote for 40 units\","
                        + "\"estimatedValue\":48000.50,\"currency\":\"EUR\",\"probability\":40}");
            });
        }

        @Test
        void showsTheServicesFieldErrorsNextToTheFieldsAndKeepsTheValuesAndTheKey() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));
            services.on("POST", "/api/interactions/i-2/promotions", 400, """
                    {"type":"urn:mailtrail:problem:invalid-request","title":"Invalid request","status":400,
                     "detail":"probability: must be less than or equal to 100; currency: required with estimatedValue",
                     "errors":[{"field":"probability","reason":"must be less than or equal to 100"},
                               {"field":"currency","reason":"required with estimatedValue"}]}""");
            String form = perform(anna, get("/log/i-2/opportunity")).getContentAsString();

            MockHttpServletResponse refused = perform(anna, post("/log/i-2/opportunity")
                    .param("_csrf", SignedIn.csrf(form)).param("idempotencyKey", key(form))
                    .param("description", "Quote").param("estimatedValue", "1000").param("probability", "150"));

            assertThat(refused.getStatus()).isEqualTo(400);
            String html = refused.getContentAsString();
            assertThat(html).contains("id=\"probability-error\"", "<span>must be less than or equal to 100</span>",
                    "id=\"currency-error\"", "<span>required with estimatedValue</span>", "value=\"150\"",
                    "value=\"1000\"", "aria-invalid=\"true\"");
            assertThat(key(html)).isEqualTo(key(form));
        }

        @Test
        void doesNotSendANumberItCannotRead() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));
            String form = perform(anna, get("/log/i-2/opportunity")).getContentAsString();

            MockHttpServletResponse refused = perform(anna, post("/log/i-2/opportunity")
                    .param("_csrf", SignedIn.csrf(form)).param("idempotencyKey", key(form))
                    .param("estimatedValue", "lots").param("currency", "EUR"));

            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("id=\"estimatedValue-error\"", "must be a number",
                    "value=\"lots\"");
            assertThat(services.requests("POST", "/api/interactions/i-2/promotions")).isEmpty();
        }

        @Test
        void explainsAKeySentBeforeWithOtherValuesAndOffersANewOne() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));
            services.on("POST", "/api/interactions/i-2/promotions", 202, promotion("PENDING", ""));
            services.on("POST", "/api/interactions/i-2/promotions", 422, """
                    {"type":"urn:mailtrail:problem:idempotency-key-reused","title":"Idempotency-Key reused",
                     "status":422,"detail":"Idempotency-Key k was used for a different request"}""");
            String form = perform(anna, get("/log/i-2/opportunity")).getContentAsString();
            perform(anna, post("/log/i-2/opportunity").param("_csrf", SignedIn.csrf(form))
                    .param("idempotencyKey", key(form)).param("probability", "40"));

            MockHttpServletResponse refused = perform(anna, post("/log/i-2/opportunity")
                    .param("_csrf", SignedIn.csrf(form)).param("idempotencyKey", key(form))
                    .param("probability", "60"));

            assertThat(refused.getStatus()).isEqualTo(422);
            String html = refused.getContentAsString();
            assertThat(html).contains("already sent with other values", "href=\"/promotions/cmd-1\"", "value=\"60\"");
            assertThat(key(html)).isNotEqualTo(key(form));
        }

        @Test
        void keepsTheFormWhenTheServiceCannotTakeThePromotion() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));
            services.on("POST", "/api/interactions/i-2/promotions", 503, """
                    {"type":"urn:mailtrail:problem:command-not-published","title":"Promotion not accepted",
                     "status":503,"detail":"Kafka did not take the command; repeat the request"}""");
            String form = perform(anna, get("/log/i-2/opportunity")).getContentAsString();

            MockHttpServletResponse refused = perform(anna, post("/log/i-2/opportunity")
                    .param("_csrf", SignedIn.csrf(form)).param("idempotencyKey", key(form))
                    .param("description", "Quote"));

            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getContentAsString()).contains("Promotion not accepted", "Send the form again");
            assertThat(key(refused.getContentAsString())).isEqualTo(key(form));
        }

        private static String key(String html) {
            Matcher matcher = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(html);
            assertThat(matcher.find()).as("the form's Idempotency-Key").isTrue();
            return matcher.group(1);
        }
    }

    @Nested
    class FollowingAPromotion {

        @Test
        void refreshesEverySecondWhilePendingAndAnswersAPollWithNothingUntilItIsDecided() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/promotions/cmd-1", 200, promotion("PENDING", ""));
            services.on("GET", "/api/interactions/i-2", 200, interaction("i-2", "Quote", null, null));

            String page = perform(anna, get("/promotions/cmd-1")).getContentAsString();
            MockHttpServletResponse poll = perform(anna, get("/promotions/cmd-1").header("HX-Request", "true"));

            assertThat(page).contains("hx-trigger=\"every 1s\"", "hx-get=\"/promotions/cmd-1\"",
                    "Creating the opportunity", "Tom Weber");
            assertThat(poll.getStatus()).isEqualTo(204);
            assertThat(poll.getContentAsString()).isEmpty();
        }

        @Test
        void showsTheNewOpportunityOnceAcceptedAndStopsRefreshing() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/promotions/cmd-1", 200, promotion("ACCEPTED", """
                    "opportunityId":"opp-1","opportunityNumber":"OP-000001","completedAt":"2026-12-02T11:00:01Z",
                    """));
            services.on("GET", "/api/opportunities/opp-1", 200,
                    opportunity("NOT_STARTED", 0).replace("2026-12-02T10:00:00Z", "2026-12-02T11:00:01Z"),
                    "ETag", "\"0\"");

            MockHttpServletResponse poll = perform(anna, get("/promotions/cmd-1").header("HX-Request", "true"));

            assertThat(poll.getStatus()).isEqualTo(200);
            String html = poll.getContentAsString();
            assertThat(html).contains("Opportunity created", "href=\"/opportunities/opp-1\"", "OP-000001");
            assertThat(html).doesNotContain("hx-trigger", "<html");
        }

        @Test
        void saysWhenTheEntryWasAlreadyAnOpportunity() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/promotions/cmd-1", 200, promotion("ACCEPTED", """
                    "opportunityId":"opp-1","opportunityNumber":"OP-000001","completedAt":"2026-12-02T11:00:01Z",
                    """));
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("IN_PROGRESS", 3), "ETag", "\"3\"");

            String html = perform(anna, get("/promotions/cmd-1")).getContentAsString();

            assertThat(html).contains("already an opportunity", "href=\"/opportunities/opp-1\"",
                    "values you entered were not applied");
            assertThat(html).doesNotContain("hx-trigger");
        }

        @Test
        void givesTheReasonOfARejectionInWords() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/promotions/cmd-1", 200, promotion("REJECTED", """
                    "reason":"INTERACTION_NOT_FOUND","detail":"interaction i-2 was not in the interaction log within PT30S",
                    "completedAt":"2026-12-02T11:00:31Z",
                    """));

            String html = perform(anna, get("/promotions/cmd-1").header("HX-Request", "true")).getContentAsString();

            assertThat(html).contains("No opportunity was created", "did not reach the opportunity service in time",
                    "href=\"/log/i-2/opportunity\"");
        }
    }

    @Nested
    class Opportunities {

        @Test
        void listsWhatTheServiceGivesWithTheFiltersAndThePages() throws Exception {
            SignedIn maria = maria();
            services.on("GET", "/api/opportunities", 200, """
                    {"items":[%s],"nextCursor":"C2"}""".formatted(opportunity("IN_PROGRESS", 1)));

            String html = perform(maria, get("/opportunities").param("status", "IN_PROGRESS")
                    .param("salesperson", "AB").param("contact", "")).getContentAsString();

            assertThat(html).contains("href=\"/opportunities/opp-1\"", ">OP-000001</a>", "Order 4718", "In progress",
                    "48,000.00 EUR", "40 %", ">AB</td>", "href=\"/contacts/CT-NW-TW\"");
            assertThat(html).contains("cursor=C2");
            assertThat(services.requests("GET", "/api/opportunities").get(0).query())
                    .isEqualTo("salespersonCode=AB&status=IN_PROGRESS&limit=25");
        }

        @Test
        void listsEveryOpportunityThePersonMaySeeWhenNoFilterIsChosen() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities", 200, """
                    {"items":[%s]}""".formatted(opportunity("NOT_STARTED", 0)));

            MockHttpServletResponse page = perform(anna, get("/opportunities"));

            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains("id=\"opportunity-opp-1\"").doesNotContain(">AB</td>",
                    "older-opportunities");
            assertThat(services.requests("GET", "/api/opportunities").get(0).query()).isEqualTo("limit=25");
        }

        @Test
        void showsOneWithItsEntriesAndTheStatusChangesAllowed() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("NOT_STARTED", 0), "ETag", "\"0\"");
            services.on("GET", "/api/interactions/i-1", 200, interaction("i-1", "Order 4718", "opp-1", "OP-000001"));

            String html = perform(anna, get("/opportunities/opp-1")).getContentAsString();

            assertThat(html).contains("OP-000001", "Order 4718", "48,000.00 EUR", "40 %", "Not started",
                    "Anna Berger (AB)", "href=\"/contacts/CT-NW-TW\"", "href=\"/log/i-1/mail\"",
                    "name=\"version\" value=\"&quot;0&quot;\"", "value=\"IN_PROGRESS\"", "value=\"WON\"",
                    "value=\"LOST\"");
        }

        @Test
        void offersNoChangeOfAClosedOne() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("WON", 2), "ETag", "\"2\"");

            String html = perform(anna, get("/opportunities/opp-1")).getContentAsString();

            assertThat(html).contains("no longer changes", "This entry is not in your interaction log");
            assertThat(html).doesNotContain("name=\"status\"");
        }

        @Test
        void changesTheStatusOfTheVersionShown() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("NOT_STARTED", 0), "ETag", "\"0\"");
            services.on("PATCH", "/api/opportunities/opp-1", 200, opportunity("WON", 1), "ETag", "\"1\"");
            String page = perform(anna, get("/opportunities/opp-1")).getContentAsString();

            MockHttpServletResponse changed = perform(anna, post("/opportunities/opp-1/status")
                    .param("_csrf", SignedIn.csrf(page)).param("version", "\"0\"").param("status", "WON"));

            assertThat(changed.getStatus()).isEqualTo(303);
            assertThat(changed.getHeader(HttpHeaders.LOCATION)).isEqualTo("/opportunities/opp-1");
            var patch = services.requests("PATCH", "/api/opportunities/opp-1").get(0);
            assertThat(patch.header(HttpHeaders.IF_MATCH)).isEqualTo("\"0\"");
            assertThat(patch.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/merge-patch+json");
            assertThat(patch.body()).isEqualTo("{\"status\":\"WON\"}");
        }

        @Test
        void showsARefusedChangeWithItsReason() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("NOT_STARTED", 0), "ETag", "\"0\"");
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("WON", 1), "ETag", "\"1\"");
            services.on("PATCH", "/api/opportunities/opp-1", 412, """
                    {"type":"urn:mailtrail:problem:stale-version","title":"Stale version","status":412,
                     "detail":"the opportunity has changed since it was read; its current version is \\"1\\""}""",
                    "ETag", "\"1\"");
            String page = perform(anna, get("/opportunities/opp-1")).getContentAsString();

            MockHttpServletResponse refused = perform(anna, post("/opportunities/opp-1/status")
                    .param("_csrf", SignedIn.csrf(page)).param("version", "\"0\"").param("status", "LOST"));

            assertThat(refused.getStatus()).isEqualTo(412);
            assertThat(refused.getContentAsString()).contains("The status was not changed",
                    "changed by someone else", "it is now Won", "its current version is");
        }

        @Test
        void showsATransitionTheServiceDoesNotAllow() throws Exception {
            SignedIn anna = anna();
            services.on("GET", "/api/opportunities/opp-1", 200, opportunity("IN_PROGRESS", 1), "ETag", "\"1\"");
            services.on("PATCH", "/api/opportunities/opp-1", 409, """
                    {"type":"urn:mailtrail:problem:invalid-status-transition","title":"Invalid status transition",
                     "status":409,"detail":"an opportunity that is IN_PROGRESS cannot become NOT_STARTED",
                     "currentStatus":"IN_PROGRESS","requestedStatus":"NOT_STARTED","allowedStatuses":["LOST","WON"]}""");
            String page = perform(anna, get("/opportunities/opp-1")).getContentAsString();

            MockHttpServletResponse refused = perform(anna, post("/opportunities/opp-1/status")
                    .param("_csrf", SignedIn.csrf(page)).param("version", "\"1\"").param("status", "NOT_STARTED"));

            assertThat(refused.getStatus()).isEqualTo(409);
            assertThat(refused.getContentAsString()).contains("cannot become Not started",
                    "an opportunity that is IN_PROGRESS cannot become NOT_STARTED");
        }
    }
}
