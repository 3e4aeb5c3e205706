package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;

import tools.jackson.databind.JsonNode;

/** The JSON control API, as the README's curl session and a benchmark script use it. */
class ControlApiIT {

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard());

    private HttpClient http;
    private GraphServiceClient client;
    private String mailbox;

    @BeforeEach
    void setUp() {
        http = Clients.plainHttp(graph.emulator());
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        mailbox = Fixtures.newMailbox(graph.emulator(), "controlled");
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph.emulator().controlUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void seedsTenantsAppsMailboxesAndMailFromJson() throws Exception {
        String seed = """
                {"tenants": [{"id": "11111111-2222-3333-4444-555555555555", "domains": ["fabrikam.example"],
                  "apps": [{"clientId": "seeded-app", "clientSecret": "s3cret", "mailboxes": ["log@fabrikam.example"]}],
                  "mailboxes": [{"address": "log@fabrikam.example", "folders": ["Customers/Key accounts"],
                    "messages": [{"subject": "Hello", "from": "A <a@x.example>", "toRecipients": ["b@fabrikam.example"]},
                                 {"subject": "Filed", "folder": "Customers/Key accounts", "from": {"name": "C", "address": "c@x.example"}}]}]}]}
                """;

        HttpResponse<String> response = call("POST", "/seed", seed);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("messages").asInt()).isEqualTo(2);
        assertThat(graph.emulator().messages("log@fabrikam.example", "inbox")).singleElement()
                .satisfies(m -> assertThat(m.from().name()).isEqualTo("A"));
        assertThat(graph.emulator().messages("log@fabrikam.example", "Customers/Key accounts")).hasSize(1);
        assertThat(Clients.credential(graph.emulator(), "fabrikam.example", "seeded-app", "s3cret")
                .getTokenSync(new com.azure.core.credential.TokenRequestContext().addScopes(Clients.GRAPH_SCOPE)).getToken()).isNotBlank();
    }

    @Test
    void refusesASeedWithAMisspeltProperty() throws Exception {
        HttpResponse<String> response = call("POST", "/seed", "{\"tenant\": []}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void deliversAMailThatGraphThenServes() throws Exception {
        HttpResponse<String> delivered = call("POST", "/mailboxes/" + mailbox + "/messages",
                "{\"subject\":\"Quote\",\"from\":\"Jordan <j@fabrikam.example>\",\"toRecipients\":[\"anna@contoso.com\"],"
                        + "\"ccRecipients\":[\"luis@contoso.com\"],\"body\":\"Hi\"}");

        assertThat(delivered.statusCode()).isEqualTo(201);
        String id = json(delivered).get("id").asString();
        var message = client.users().byUserId(mailbox).messages().byMessageId(id).get();
        assertThat(message.getSubject()).isEqualTo("Quote");
        assertThat(message.getCcRecipients()).singleElement()
                .satisfies(r -> assertThat(r.getEmailAddress().getAddress()).isEqualTo("luis@contoso.com"));
        assertThat(message.getIsDraft()).isFalse();
    }

    @Test
    void listsTheMessagesOfACustomFolderByDisplayNameOrIdAndNoneForAFolderTheMailboxLacks() throws Exception {
        String hold = graph.emulator().createFolder(mailbox, "Not logged");
        MessageView held = graph.emulator().deliver(mailbox, Mail.builder().folder("Not logged")
                .from("Jordan <j@fabrikam.example>").to("anna@contoso.com").subject("Held").build());
        graph.emulator().deliver(mailbox, Fixtures.customerMail(1));

        JsonNode byName = json(call("GET", "/mailboxes/" + mailbox + "/messages?folder="
                + URLEncoder.encode("Not logged", StandardCharsets.UTF_8), null));
        JsonNode byId = json(call("GET", "/mailboxes/" + mailbox + "/messages?folder="
                + URLEncoder.encode(hold, StandardCharsets.UTF_8), null));
        HttpResponse<String> missing = call("GET", "/mailboxes/" + mailbox + "/messages?folder=Nowhere", null);

        assertThat(byName).singleElement().satisfies(message -> {
            assertThat(message.get("immutableId").asString()).isEqualTo(held.immutableId());
            assertThat(message.get("folder").asString()).isEqualTo("Not logged");
            assertThat(message.get("folderId").asString()).isEqualTo(hold);
        });
        assertThat(byId).isEqualTo(byName);
        assertThat(graph.emulator().messages(mailbox, "Not logged")).extracting(MessageView::immutableId)
                .containsExactly(held.immutableId());
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(json(missing)).isEmpty();
        assertThat(graph.emulator().messages(mailbox, "Nowhere")).isEmpty();
        // Delivering there is another matter: the mail would be lost.
        HttpResponse<String> undeliverable = call("POST", "/mailboxes/" + mailbox + "/messages",
                "{\"subject\":\"Lost\",\"from\":\"j@fabrikam.example\",\"folder\":\"Nowhere\"}");
        assertThat(undeliverable.statusCode()).isEqualTo(404);
        assertThat(json(undeliverable).get("error").asString()).isEqualTo("no folder 'Nowhere' in mailbox " + mailbox);
    }

    @Test
    void generatesManyMailsForABenchmark() throws Exception {
        HttpResponse<String> response = call("POST", "/mailboxes/" + mailbox + "/messages/generate", "{\"count\": 30}");

        assertThat(json(response).get("delivered").asInt()).isEqualTo(30);
        assertThat(json(call("GET", "/mailboxes/" + mailbox + "/messages?folder=inbox", null))).hasSize(30);
    }

    @Test
    void injectsAndClearsFaults() throws Exception {
        HttpResponse<String> injected = call("POST", "/faults",
                "{\"status\":429,\"retryAfterSeconds\":2,\"count\":1,\"match\":\"" + mailbox + "/mailFolders\"}");
        assertThat(injected.statusCode()).isEqualTo(201);
        assertThat(json(call("GET", "/faults", null))).hasSize(1);

        int status;
        try {
            client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox")
                    .get(c -> c.options.add(new RetryHandlerOption((d, a, req, res) -> false, 0, 0)));
            status = 200;
        } catch (ApiException e) {
            status = e.getResponseStatusCode();
        }

        assertThat(status).isEqualTo(429);
        assertThat(json(call("GET", "/faults", null))).isEmpty();
        call("POST", "/faults", "{\"status\":503,\"fraction\":0.5}");
        assertThat(call("DELETE", "/faults", null).statusCode()).isEqualTo(204);
        assertThat(json(call("GET", "/faults", null))).isEmpty();
    }

    @Test
    void evictsDeltaTokensSoTheNextRoundAnswers410() throws Exception {
        String deltaLink = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages().delta().get()
                .getOdataDeltaLink();

        HttpResponse<String> evicted = call("POST", "/delta-tokens/evict", "{\"mailbox\":\"" + mailbox + "\"}");

        assertThat(json(evicted).get("evicted").asInt()).isPositive();
        try {
            client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages().delta().withUrl(deltaLink).get();
            throw new AssertionError("expected 410");
        } catch (ODataError e) {
            assertThat(e.getResponseStatusCode()).isEqualTo(410);
        }
    }

    @Test
    void removesASubscriptionAndSendsLifecycleEvents() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Subscription subscription = new Subscription();
            subscription.setChangeType("created");
            subscription.setNotificationUrl(receiver.notificationUrl());
            subscription.setLifecycleNotificationUrl(receiver.lifecycleUrl());
            subscription.setResource("users/" + mailbox + "/mailFolders('inbox')/messages");
            subscription.setExpirationDateTime(OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.SECONDS));
            subscription.setClientState("control");
            String id = client.subscriptions().post(subscription).getId();

            assertThat(call("POST", "/subscriptions/" + id + "/lifecycle", "{\"event\":\"missed\"}").statusCode()).isEqualTo(202);
            assertThat(call("DELETE", "/subscriptions/" + id, null).statusCode()).isEqualTo(204);

            assertThat(receiver.awaitValues("lifecycle", 2, Duration.ofSeconds(10))).extracting(v -> v.get("lifecycleEvent").asString())
                    .containsExactlyInAnyOrder("missed", "subscriptionRemoved");
            assertThat(json(call("GET", "/subscriptions", null)).values()).noneMatch(s -> s.get("id").asString().equals(id));
        }
    }

    @Test
    void reportsCountersAndTheRequestLog() throws Exception {
        client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").get();

        JsonNode counters = json(call("GET", "/counters", null));
        JsonNode log = json(call("GET", "/requests", null));

        assertThat(counters.get("requests").get("mailFolders.get").get("200").asLong()).isPositive();
        assertThat(counters.get("throttleUnits").get(mailbox).asLong()).isEqualTo(1);
        assertThat(counters.has("earlyRetries")).isTrue();
        assertThat(log.values()).anySatisfy(entry -> {
            assertThat(entry.get("mailbox").asString()).isEqualTo(mailbox);
            assertThat(entry.get("status").asInt()).isEqualTo(200);
            assertThat(entry.get("path").asString()).contains("/users/" + mailbox + "/mailFolders/inbox");
        });
    }

    @Test
    void changesTheThrottlingPolicyAtRunTime() throws Exception {
        try {
            JsonNode policy = json(call("PUT", "/throttling", "{\"budget\": 100, \"windowSeconds\": 60}"));

            assertThat(policy.get("budget").asInt()).isEqualTo(100);
            assertThat(policy.get("windowSeconds").asLong()).isEqualTo(60);
            assertThat(policy.get("maxConcurrent").asInt()).isEqualTo(4);
        } finally {
            call("PUT", "/throttling", "{\"budget\": 10000, \"windowSeconds\": 600}");
        }
    }

    @Test
    void answersInfoWithTheBaseUrlsAndTrustMaterial() throws Exception {
        JsonNode info = json(call("GET", "", null));

        assertThat(info.get("graphBaseUrl").asString()).isEqualTo(graph.emulator().graphBaseUrl());
        assertThat(info.get("trustStore").asString()).endsWith("graph-emulator-truststore.p12");
        assertThat(URLEncoder.encode(info.get("authorityHost").asString(), StandardCharsets.UTF_8)).isNotBlank();
    }
}
