package org.mailtrail.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.platform.graph.MailboxPermits;
import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.BindingConfigurationContract;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.TestInfrastructure;
import org.mailtrail.testsupport.security.TestIssuer;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * config-service on the real broker and MongoDB server, talking to the graph-emulator over HTTPS as it would to
 * Entra and Graph. One Spring context serves every group below.
 */
@IntegrationTest
class ConfigServiceApplicationIT implements ActuatorEndpointsContract, BindingConfigurationContract {

    private static final MasterKeysetFile KEYSET = MasterKeysetFile.generated();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM_JSON = "application/problem+json";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.secrets.master-keyset-file", () -> KEYSET.path().toString());
        registry.add("mailtrail.graph.trust-store", () -> Graph.emulator().trustStorePath().toString());
        registry.add("mailtrail.graph.trust-store-password", () -> Graph.emulator().trustStorePassword());
        registry.add("mailtrail.graph.allowed-hosts", () -> "127.0.0.1:" + Graph.emulator().port());
        // The test mail server's IMAPS certificate is the emulator's.
        registry.add("mailtrail.imap.trust-store", () -> Graph.emulator().trustStorePath().toString());
        registry.add("mailtrail.imap.trust-store-password", () -> Graph.emulator().trustStorePassword());
        registry.add("mailtrail.imap.connect-timeout", () -> "3s");
        registry.add("mailtrail.imap.read-timeout", () -> "5s");
        // Where the tests write the secret files they reference, and the variables they name.
        registry.add("mailtrail.secrets.allowed-references", () -> "env:GRAPH_,file:"
                + Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize() + "/");
        registry.add("mailtrail.outbox.relay-interval", () -> "1s");
        registry.add("mailtrail.secrets.master-keyset-reload-interval", () -> "500ms");
        // The tests leave records behind as another instance would: the relay must not wait the minute to look.
        registry.add("mailtrail.outbox.sweep-interval", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Api api;
    String admin;
    int emulatorPort;

    @BeforeEach
    void client() {
        api = new Api(port);
        admin = admin("alice@contoso.com");
        emulatorPort = Graph.emulator().port();
    }

    /** An admin's token whose subject, which the audit records, is {@code subject}. */
    private static String admin(String subject) {
        return TestIssuer.shared().person(subject, "mailtrail-admin").audience(Tokens.PEOPLE).sign();
    }

    private ConnectionRequests healthy() {
        return ConnectionRequests.application(emulatorPort);
    }

    private Api.Response create(ConnectionRequests request) {
        Api.Response created = api.post("/api/connections", admin, request.body());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private Api.Response check(String id) {
        Api.Response report = api.post("/api/connections/" + id + "/check", admin, null);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        return report;
    }

    private static JsonNode result(Api.Response report, String check) {
        return report.json().path("results").valueStream().filter(r -> check.equals(r.path("check").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + check + " in " + report.body()));
    }

    private static List<ConsumerRecord<String, byte[]>> connectionRecords(String id, int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            found.clear();
            TopicReader.all(Topics.CONNECTIONS).stream().filter(r -> id.equals(r.key())).forEach(found::add);
            assertThat(found).hasSizeGreaterThanOrEqualTo(atLeast);
        });
        return found;
    }

    private static ConnectionConfigured event(ConsumerRecord<String, byte[]> record) {
        return ContractJson.mapper().readValue(record.value(), ConnectionConfigured.class);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Nested
    class ConnectionsApi {

        @Test
        void createsReadsListsReplacesAndDeletesAConnection() {
            ConnectionRequests request = healthy();
            Api.Response created = create(request);
            String id = request.id();
            assertThat(created.header("ETag")).isEqualTo("\"1\"");
            assertThat(created.header("Location")).isEqualTo("/api/connections/" + id);
            JsonNode body = created.json();
            assertThat(body.path("revision").asLong()).isEqualTo(1);
            assertThat(body.path("mailbox").asString()).isEqualTo(Graph.MAILBOX);
            assertThat(body.path("sourceFolder").asString()).isEqualTo("inbox");
            assertThat(body.path("archiveFolder").asString()).isEqualTo("archive");
            assertThat(body.path("unmatchedPolicy").asString()).isEqualTo("DELETE");
            assertThat(body.path("hold").path("enabled").asBoolean()).isTrue();
            assertThat(body.path("hold").path("folder").asString()).isEqualTo("Not logged");
            assertThat(body.path("hold").path("retention").asString()).isEqualTo("P30D");
            assertThat(body.path("copies").asString()).isEqualTo("LIKE_FIRST");
            assertThat(body.path("pollInterval").asString()).isEqualTo("PT2M");
            assertThat(body.path("enabled").asBoolean()).isFalse();
            assertThat(body.path("secret").path("source").asString()).isEqualTo("STORED");
            assertThat(body.path("secret").path("keyId").isInt()).isTrue();
            assertThat(body.has("clientSecret")).isFalse();
            assertThat(body.path("createdBy").asString()).isEqualTo("alice@contoso.com");

            Api.Response read = api.get("/api/connections/" + id, admin);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("ETag")).isEqualTo("\"1\"");
            assertThat(read.json()).isEqualTo(body);
            assertThat(api.get("/api/connections", admin).json().valueStream().map(c -> c.path("id").asString()))
                    .contains(id);

            Api.Response replaced = api.put("/api/connections/" + id, admin,
                    request.with("displayName", "Contoso sales (EU)").with("unmatchedPolicy", "LEAVE").body(), "\"1\"");
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
            assertThat(replaced.json().path("displayName").asString()).isEqualTo("Contoso sales (EU)");
            assertThat(replaced.json().path("unmatchedPolicy").asString()).isEqualTo("LEAVE");

            assertThat(api.delete("/api/connections/" + id, admin, "\"2\"").status()).isEqualTo(204);
            Api.Response gone = api.get("/api/connections/" + id, admin);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.header("Content-Type")).startsWith(PROBLEM_JSON);
        }

        @Test
        void refusesAReplaceWithAStaleETagAndOneWithout() {
            ConnectionRequests request = healthy();
            create(request);
            String path = "/api/connections/" + request.id();
            assertThat(api.put(path, admin, request.with("displayName", "first").body(), "\"1\"").status()).isEqualTo(200);

            Api.Response stale = api.put(path, admin, request.with("displayName", "second").body(), "\"1\"");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(stale.json().path("currentRevision").asLong()).isEqualTo(2);

            Api.Response unguarded = api.put(path, admin, request.body(), null);
            assertThat(unguarded.status()).isEqualTo(428);
            assertThat(unguarded.errorFields()).containsExactly("If-Match");

            assertThat(api.delete(path, admin, "\"1\"").status()).isEqualTo(412);
            assertThat(api.get(path, admin).json().path("displayName").asString()).isEqualTo("first");
        }

        @Test
        void keepsTheStoredSecretWhenAReplaceBringsNone() {
            ConnectionRequests request = healthy();
            JsonNode created = create(request).json();
            Api.Response replaced = api.put("/api/connections/" + request.id(), admin,
                    request.without("clientSecret").with("displayName", "renamed").body(), "\"1\"");

            assertThat(replaced.json().path("secret")).isEqualTo(created.path("secret"));
            assertThat(api.post("/internal/connections/" + request.id() + "/token",
                    Tokens.service("connections.token"), null).status()).isEqualTo(200);
        }

        @Test
        void keepsHoldAndCopiesWhenAReplaceLeavesThemOutAndChangesThemWhenItGivesThem() {
            ConnectionRequests request = healthy().with("hold", Map.of("enabled", false)).with("copies", "DELETE");
            create(request);
            String path = "/api/connections/" + request.id();
            request.without("clientSecret");

            Api.Response renamed = api.put(path, admin, request.without("hold").without("copies")
                    .with("displayName", "renamed").body(), "\"1\"");
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            assertThat(renamed.json().path("hold").path("enabled").asBoolean()).isFalse();
            assertThat(renamed.json().path("copies").asString()).isEqualTo("DELETE");

            Api.Response holding = api.put(path, admin, request.with("hold", Map.of("folder", "Waiting for the CRM",
                    "retention", "PT12H")).with("copies", "LIKE_FIRST").body(), "\"2\"");
            assertThat(holding.status()).as(holding.body()).isEqualTo(200);
            assertThat(holding.json().path("hold").path("enabled").asBoolean()).isTrue();
            assertThat(holding.json().path("hold").path("folder").asString()).isEqualTo("Waiting for the CRM");
            assertThat(holding.json().path("hold").path("retention").asString()).isEqualTo("PT12H");
            assertThat(holding.json().path("copies").asString()).isEqualTo("LIKE_FIRST");

            JsonNode audited = api.get("/api/audit?connectionId=" + request.id() + "&limit=1", admin).json()
                    .path("items").get(0);
            assertThat(audited.path("revision").asLong()).isEqualTo(3);
            assertThat(audited.path("fields").valueStream().map(JsonNode::asString)).containsExactly("hold", "copies");
        }

        @Test
        void readsAConnectionStoredBeforeHoldAndCopiesExistedAsNotHoldingAndKeepsItSoThroughAReplace() {
            ConnectionRequests request = healthy();
            create(request);
            // What a document written by the previous version holds: neither setting.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id())),
                    new Update().unset("hold").unset("copies"), "connections");

            JsonNode stored = api.get("/api/connections/" + request.id(), admin).json();
            assertThat(stored.path("hold").path("enabled").asBoolean()).isFalse();
            assertThat(stored.path("copies").asString()).isEqualTo("LIKE_FIRST");

            Api.Response renamed = api.put("/api/connections/" + request.id(), admin,
                    request.with("displayName", "renamed").body(), "\"1\"");
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            assertThat(renamed.json().path("hold").path("enabled").asBoolean()).isFalse();
            ConnectionConfigured published = event(connectionRecords(request.id(), 2).get(1));
            assertThat(published.revision()).isEqualTo(2);
            assertThat(published.hold()).isEqualTo(HoldPolicy.OFF);
            assertThat(published.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
        }

        @Test
        void refusesASecondConnectionWithTheSameId() {
            ConnectionRequests request = healthy();
            create(request);

            Api.Response duplicate = api.post("/api/connections", admin, request.body());
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.errorFields()).containsExactly("id");
        }

        @Test
        void asksForTheSecretAgainBeforeTheStoredOneGoesToAnotherTenantAppOrAuthority() {
            ConnectionRequests request = healthy();
            create(request);
            String path = "/api/connections/" + request.id();

            for (String[] change : new String[][] { { "tenantId", "0d3f5e7a-1b2c-4d5e-8f9a-0b1c2d3e4f5a" },
                    { "clientId", "2e4f6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b" },
                    { "authorityHost", "https://login.microsoftonline.us" } }) {
                Api.Response refused = api.put(path, admin,
                        healthy().with("id", request.id()).without("clientSecret").with(change[0], change[1]).body(),
                        "\"1\"");
                assertThat(refused.status()).as(change[0] + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.errorFields()).containsExactly("clientSecret");
                assertThat(refused.json().path("errors").get(0).path("reason").asString()).contains(change[0]);
            }
            assertThat(api.get(path, admin).json().path("revision").asLong()).isEqualTo(1);

            Api.Response renamed = api.put(path, admin, healthy().with("id", request.id()).without("clientSecret")
                    .with("displayName", "renamed").body(), "\"1\"");
            assertThat(renamed.status()).as("a change of anything else keeps the secret").isEqualTo(200);
            Api.Response moved = api.put(path, admin, healthy().with("id", request.id()).with("displayName", "renamed")
                    .with("clientId", "2e4f6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b").body(), "\"2\"");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("org.mailtrail.config.ConfigServiceApplicationIT#invalidFields")
        void refusesAnInvalidFieldNamingItAndWhy(String field, Object value, String reportedField) {
            ConnectionRequests request = healthy();
            if (value == null) {
                request.without(field);
            } else {
                request.with(field, value);
            }
            if (field.equals("notificationUrl#delegated")) {
                request.without(field).with("authMode", "DELEGATED").with("redirectUrl", "http://127.0.0.1/oauth/callback")
                        .with("notificationUrl", value);
            } else if (field.equals("redirectUrl#delegated")) {
                request.without(field).with("authMode", "DELEGATED");
            } else if (field.equals("clientSecretRef#both")) {
                request.without(field).with("clientSecretRef", value);
            }

            Api.Response refused = api.post("/api/connections", admin, request.body());

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(refused.errorFields()).as(refused.body()).contains(reportedField);
            assertThat(refused.json().path("errors").get(0).path("reason").asString()).isNotBlank();
            if (request.id().matches("[a-z0-9-]+")) {
                assertThat(api.get("/api/connections/" + request.id(), admin).status()).isEqualTo(404);
            }
        }
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("displayName", " ", "displayName"),
                Arguments.of("tenantId", null, "tenantId"),
                Arguments.of("tenantId", "not a tenant!", "tenantId"),
                Arguments.of("clientId", "mailtrail-app", "clientId"),
                Arguments.of("authMode", "SOMETIMES", "authMode"),
                Arguments.of("authMode", null, "authMode"),
                Arguments.of("mailbox", "crm-log(at)contoso.com", "mailbox"),
                Arguments.of("unmatchedPolicy", "ARCHIVE", "unmatchedPolicy"),
                Arguments.of("internalDomains", List.of("contoso.com", "not a domain"), "internalDomains[1]"),
                Arguments.of("internalDomains", "contoso.com", "internalDomains"),
                Arguments.of("graphBaseUrl", "ftp://graph.microsoft.com/v1.0", "graphBaseUrl"),
                Arguments.of("authorityHost", "http://login.microsoftonline.com", "authorityHost"),
                Arguments.of("authorityHost", "https://login.attacker.example", "authorityHost"),
                Arguments.of("authorityHost", "https://login.microsoftonline.com:8443", "authorityHost"),
                Arguments.of("graphBaseUrl", "https://graph.attacker.example/v1.0", "graphBaseUrl"),
                Arguments.of("notificationUrl", "http://mailtrail.contoso.com/graph/notifications", "notificationUrl"),
                Arguments.of("notificationUrl#delegated", "https://mailtrail.contoso.com/hook", "notificationUrl"),
                Arguments.of("redirectUrl#delegated", null, "redirectUrl"),
                Arguments.of("redirectUrl", "not a url", "redirectUrl"),
                Arguments.of("pollInterval", "5 minutes", "pollInterval"),
                Arguments.of("pollInterval", "PT5S", "pollInterval"),
                Arguments.of("clientSecret", "", "clientSecret"),
                Arguments.of("clientSecretRef", "vault:graph-secret", "clientSecretRef"),
                Arguments.of("clientSecretRef", "env:MAILTRAIL_MASTER_KEYSET", "clientSecretRef"),
                Arguments.of("clientSecretRef", "env:HOME", "clientSecretRef"),
                Arguments.of("clientSecretRef", "file:/etc/passwd", "clientSecretRef"),
                Arguments.of("clientSecretRef#both", "env:GRAPH_CLIENT_SECRET", "clientSecretRef"),
                Arguments.of("enabled", "yes", "enabled"),
                Arguments.of("id", "Contoso Sales", "id"),
                Arguments.of("sourceFolder", "", "sourceFolder"),
                Arguments.of("hold", "yes", "hold"),
                Arguments.of("hold", Map.of("enabled", "sometimes"), "hold.enabled"),
                Arguments.of("hold", Map.of("retention", "PT9S"), "hold.retention"),
                Arguments.of("hold", Map.of("retention", "P3651D"), "hold.retention"),
                Arguments.of("hold", Map.of("retention", "30 days"), "hold.retention"),
                Arguments.of("hold", Map.of("folder", " "), "hold.folder"),
                Arguments.of("hold", Map.of("folder", "Not logged "), "hold.folder"),
                Arguments.of("hold", Map.of("folder", "x".repeat(101)), "hold.folder"),
                Arguments.of("hold", Map.of("folder", "Archive"), "hold.folder"),
                Arguments.of("hold", Map.of("folder", "inbox"), "hold.folder"),
                Arguments.of("copies", "KEEP", "copies"));
    }

    @Nested
    class Events {

        @Test
        void publishesConnectionConfiguredWithARisingRevisionOnEveryChangeAndNoSecret() {
            ConnectionRequests request = healthy();
            create(request);
            assertThat(owed(request.id())).as("owed once the create is answered").isEmpty();
            api.put("/api/connections/" + request.id(), admin, request.with("displayName", "renamed").body(), "\"1\"");
            assertThat(owed(request.id())).as("owed once the replace is answered").isEmpty();

            List<ConsumerRecord<String, byte[]>> records = connectionRecords(request.id(), 2);

            assertThat(records).extracting(r -> event(r).revision()).containsExactly(1L, 2L);
            ConnectionConfigured latest = event(records.get(1));
            assertThat(latest.displayName()).isEqualTo("renamed");
            assertThat(latest.tenantId()).isEqualTo(Graph.TENANT);
            assertThat(latest.graphBaseUrl()).isEqualTo(URI.create("https://127.0.0.1:" + emulatorPort + "/v1.0"));
            assertThat(latest.pollInterval()).isEqualTo(Duration.ofMinutes(2));
            assertThat(latest.hold()).isEqualTo(HoldPolicy.DEFAULT);
            assertThat(latest.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
            assertThat(header(records.get(1), "ce_type")).isEqualTo(ConnectionConfigured.TYPE);
            assertThat(header(records.get(1), "ce_id")).isEqualTo(latest.eventId().toString());
            assertThat(records).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(Graph.APP_SECRET).doesNotContain("secret"));
        }

        @Test
        void publishesTheHoldAndCopiesAConnectionWasGiven() {
            ConnectionRequests request = healthy().with("hold", Map.of("enabled", true, "folder", "Waiting for the CRM",
                    "retention", "P7D")).with("copies", "DELETE");
            create(request);

            ConnectionConfigured published = event(connectionRecords(request.id(), 1).get(0));

            assertThat(published.hold()).isEqualTo(new HoldPolicy(true, "Waiting for the CRM", Duration.ofDays(7)));
            assertThat(published.copies()).isEqualTo(CopyPolicy.DELETE);
        }

        @Test
        void publishesATombstoneWhenAConnectionIsDeleted() {
            ConnectionRequests request = healthy();
            create(request);
            assertThat(api.delete("/api/connections/" + request.id(), admin, null).status()).isEqualTo(204);

            List<ConsumerRecord<String, byte[]>> records = connectionRecords(request.id(), 2);

            assertThat(records.get(records.size() - 1).value()).as("tombstone").isNull();
            assertThat(mongo.findById(request.id(), Document.class, "connections")).as("stored after tombstone").isNull();
            assertThat(create(request).json().path("revision").asLong()).as("the id is free again").isEqualTo(1);
        }

        @Test
        void relaysAnEventTheBrokerDidNotTakeWithItsOwnId() {
            ConnectionRequests request = healthy();
            create(request);
            ConsumerRecord<String, byte[]> published = connectionRecords(request.id(), 1).get(0);
            // What a publish the broker refused leaves behind: the entry, still owed after the grace period.
            mongo.updateFirst(byId(request.id()), new Update().push("outbox", left(event(published))), "connections");

            await().atMost(WAIT).untilAsserted(() -> assertThat(owed(request.id())).as("owed").isEmpty());
            List<ConsumerRecord<String, byte[]>> records = connectionRecords(request.id(), 2);
            assertThat(records).extracting(r -> header(r, "ce_id")).as("the repeat carries the same id")
                    .containsOnly(event(published).eventId().toString());
        }

        @Test
        void refusesTheIdOfADeletionWhileItsTombstoneIsOwedAndFreesItOnceTheRelaySentIt() {
            ConnectionRequests request = healthy();
            create(request);
            // A delete whose tombstone the broker refused: the document stays, marked deleted, owing the tombstone.
            mongo.updateFirst(byId(request.id()), new Update().set("deleted", true).inc("revision", 1)
                    .push("outbox", leftTombstone(request.id())), "connections");

            Api.Response refused = api.post("/api/connections", admin, request.body());
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.errorFields()).containsExactly("id");
            assertThat(api.get("/api/connections/" + request.id(), admin).status()).isEqualTo(404);

            await().atMost(WAIT).untilAsserted(() -> assertThat(mongo.findById(request.id(), Document.class,
                    "connections")).as("stored after the relayed tombstone").isNull());
            List<ConsumerRecord<String, byte[]>> records = connectionRecords(request.id(), 2);
            assertThat(records.get(records.size() - 1).value()).as("tombstone").isNull();
            assertThat(create(request).status()).isEqualTo(201);
        }

        private List<Document> owed(String id) {
            return mongo.findById(id, Document.class, "connections").getList("outbox", Document.class);
        }

        private static Query byId(String id) {
            return Query.query(Criteria.where("_id").is(id));
        }

        private static Document left(ConnectionConfigured event) {
            return new Document("eventId", event.eventId().toString()).append("topic", Topics.CONNECTIONS)
                    .append("key", event.connectionId()).append("type", ConnectionConfigured.TYPE)
                    .append("payload", ContractJson.mapper().writeValueAsString(event))
                    .append("writtenAt", Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                    .append("removesDocument", false);
        }

        private static Document leftTombstone(String id) {
            return new Document("eventId", UUID.randomUUID().toString()).append("topic", Topics.CONNECTIONS)
                    .append("key", id).append("type", null).append("payload", null)
                    .append("writtenAt", Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                    .append("removesDocument", true);
        }

        @Test
        void declaresTheConnectionsTopicCompacted() throws Exception {
            create(healthy());
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.shared().kafka().bootstrapServers()))) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTIONS);
                String policy = kafka.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
                assertThat(policy).isEqualTo("compact");
            }
        }
    }

    @Nested
    class Secrets {

        @Test
        void aStoredSecretDoesNotDecryptOnceItsConnectionNamesAnotherAuthorityInTheDatabase() {
            ConnectionRequests request = healthy();
            create(request);
            String internal = Tokens.service("connections.token");
            assertThat(api.post("/internal/connections/" + request.id() + "/token", internal, null).status())
                    .isEqualTo(200);

            // Past the API, which would ask for the secret again: straight in the database.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id())),
                    new Update().set("authorityHost", "https://login.microsoftonline.us"), "connections");
            Api.Response refused = api.post("/internal/connections/" + request.id() + "/token", internal, null);

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("reason").asString()).isEqualTo("SECRET_UNAVAILABLE");
            assertThat(refused.json().path("detail").asString()).contains("cannot be decrypted");
        }

        @Test
        void bindsASecretStoredBeforeSecretsWereBoundToTheirTenantAppAndAuthority(
                @Autowired org.mailtrail.config.secret.domain.Secrets secrets,
                @Autowired org.mailtrail.config.connection.domain.ConnectionService connections) {
            ConnectionRequests request = healthy();
            create(request);
            String internal = Tokens.service("connections.token");
            var unbound = secrets.store(Graph.APP_SECRET,
                    org.mailtrail.config.connection.domain.Connection.unboundClientSecretContext(request.id()),
                    Instant.now()).encrypted();
            mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id())),
                    new Update().set("clientSecret.ciphertext", unbound.ciphertext())
                            .set("clientSecret.keyId", unbound.keyId()).unset("clientSecret.bound"), "connections");
            assertThat(api.post("/internal/connections/" + request.id() + "/token", internal, null).status())
                    .as("before it is bound").isEqualTo(409);
            assertThat(api.put("/api/connections/" + request.id(), admin, request.without("clientSecret")
                    .with("displayName", "renamed").body(), "\"1\"").status()).as("saved again meanwhile").isEqualTo(200);

            connections.bindUnboundSecrets();

            assertThat(api.post("/internal/connections/" + request.id() + "/token", internal, null).status())
                    .isEqualTo(200);
            Document secret = mongo.findById(request.id(), Document.class, "connections").get("clientSecret",
                    Document.class);
            assertThat(secret.getBoolean("bound")).isTrue();
        }

        @Test
        void neverShowsTheSecretInResponsesLogsEventsOrTheAuditLogWhileItIsSetRotatedAndUsed() throws Exception {
            String first = "first-" + UUID.randomUUID();
            String second = "second-" + UUID.randomUUID();
            String clientId = UUID.randomUUID().toString();
            Graph.emulator().addApp(Graph.TENANT, clientId, first, Graph.MAILBOX);
            ConnectionRequests request = healthy().with("clientId", clientId).with("clientSecret", first);
            String internal = Tokens.service("connections.token");
            List<String> logs;
            try (CapturedLogs captured = CapturedLogs.start()) {
                create(request);
                assertThat(api.post("/internal/connections/" + request.id() + "/token", internal, null).status()).isEqualTo(200);
                check(request.id());

                Graph.emulator().addApp(Graph.TENANT, clientId, second, Graph.MAILBOX);
                Api.Response rotated = api.put("/api/connections/" + request.id(), admin,
                        request.with("clientSecret", second).body(), "\"1\"");
                assertThat(rotated.status()).isEqualTo(200);
                assertThat(api.post("/internal/connections/" + request.id() + "/token", internal, null).status()).isEqualTo(200);
                assertThat(result(check(request.id()), "token").path("status").asString()).isEqualTo("PASSED");
                api.post("/api/connections", admin, healthy().with("clientSecret", second).with("pollInterval", "PT1S").body());
                assertThat(api.post("/api/connections/" + request.id() + "/enable", admin, null).status()).isEqualTo(200);
                api.get("/api/connections/" + request.id(), admin);
                api.get("/api/connections", admin);
                api.get("/api/audit?connectionId=" + request.id(), admin);
                logs = captured.lines();
            }
            List<ConsumerRecord<String, byte[]>> events = connectionRecords(request.id(), 3);
            List<Document> audit = mongo.findAll(Document.class, "audit");

            for (String secret : List.of(first, second)) {
                assertThat(api.bodies()).as("response bodies").noneMatch(body -> body.contains(secret));
                assertThat(logs).as("log lines").isNotEmpty().noneMatch(line -> line.contains(secret));
                assertThat(events).as("events").noneMatch(r -> r.value() != null
                        && new String(r.value(), StandardCharsets.UTF_8).contains(secret));
                assertThat(audit).as("audit entries").noneMatch(entry -> entry.toJson().contains(secret));
            }
        }

        @Test
        void storesTheSecretOnlyAsCiphertextBoundToItsConnection() {
            ConnectionRequests request = healthy();
            create(request);

            Document stored = mongo.findById(request.id(), Document.class, "connections");
            Document secret = stored.get("clientSecret", Document.class);
            byte[] ciphertext = secret.get("ciphertext", Binary.class).getData();

            assertThat(stored.toJson()).doesNotContain(Graph.APP_SECRET);
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(Graph.APP_SECRET);
            assertThat(Base64.getEncoder().encodeToString(ciphertext)).isNotEmpty();
            assertThat(SecretCipher.keyIdOf(ciphertext)).hasValue(secret.getInteger("keyId"));
        }

        @Test
        void decryptsAnOldSecretAfterKeyRotationAndReEncryptsItUnderTheNewKey() {
            ConnectionRequests before = healthy();
            int oldKey = create(before).json().path("secret").path("keyId").asInt();
            ConnectionRequests imapBefore = ConnectionRequests.imap(MailServer.shared().imapsPort());
            assertThat(create(imapBefore).json().path("passwordSecret").path("keyId").asInt()).isEqualTo(oldKey);

            int newKey = KEYSET.rotate();
            // The changed file is taken up without a restart: old ciphertexts remain, new writes use the new key.
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/secrets/keyset", admin).json()
                    .path("primaryKeyId").asInt()).isEqualTo(newKey));
            assertThat(result(check(before.id()), "clientSecret").path("message").asString())
                    .contains("master key " + oldKey).contains("decryptable");
            assertThat(create(healthy()).json().path("secret").path("keyId").asInt()).isEqualTo(newKey);

            Api.Response reEncrypted = api.post("/api/secrets/re-encrypt", admin, null);
            assertThat(reEncrypted.status()).as(reEncrypted.body()).isEqualTo(200);
            assertThat(reEncrypted.json().path("primaryKeyId").asInt()).isEqualTo(newKey);
            assertThat(reEncrypted.json().path("reEncrypted").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(reEncrypted.json().path("failed").asInt()).isZero();

            Document stored = mongo.findById(before.id(), Document.class, "connections").get("clientSecret", Document.class);
            assertThat(stored.getInteger("keyId")).isEqualTo(newKey);
            assertThat(SecretCipher.keyIdOf(stored.get("ciphertext", Binary.class).getData())).hasValue(newKey);
            assertThat(api.get("/api/connections/" + before.id(), admin).json().path("secret").path("keyId").asInt())
                    .isEqualTo(newKey);
            assertThat(result(check(before.id()), "token").path("status").asString()).isEqualTo("PASSED");
            assertThat(api.get("/api/secrets/keyset", admin).json().path("keys").size()).isGreaterThanOrEqualTo(2);
            // An IMAP connection's password is re-encrypted alike, and still decrypts to what was given.
            assertThat(api.get("/api/connections/" + imapBefore.id(), admin).json().path("passwordSecret").path("keyId")
                    .asInt()).isEqualTo(newKey);
            Api.Response credential = new Api(port).post("/internal/connections/" + imapBefore.id() + "/imap-credential",
                    Tokens.service("connections.token"), null);
            assertThat(credential.json().path("secret").asString()).isEqualTo(MailServer.PASSWORD);
        }

        @Test
        void refusesAChangedKeysetFileWithoutTheKeyOfStoredSecretsAndKeepsTheOneItHas() {
            ConnectionRequests request = healthy();
            int keyId = create(request).json().path("secret").path("keyId").asInt();
            int primary = api.get("/api/secrets/keyset", admin).json().path("primaryKeyId").asInt();
            String mounted = KEYSET.text();
            try {
                KEYSET.replaceWith(MasterKeysets.generate());

                await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/actuator/health", null).json()
                        .at("/components/masterKeyset/details/refused").asString())
                        .contains("no enabled key with id").contains(Integer.toString(keyId)));
                assertThat(api.get("/api/secrets/keyset", admin).json().path("primaryKeyId").asInt()).isEqualTo(primary);
                assertThat(api.post("/api/secrets/re-encrypt", admin, null).status()).isEqualTo(503);
                assertThat(result(check(request.id()), "token").path("status").asString()).isEqualTo("PASSED");
                assertThat(api.get("/actuator/prometheus", Tokens.metrics()).body())
                        .containsPattern("mailtrail_keyset_refused\\{[^}]*} 1\\.0");
            } finally {
                KEYSET.replaceWith(mounted);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/actuator/health", null).json()
                    .at("/components/masterKeyset/details").has("refused")).isFalse());
        }

        @Test
        void readsAReferencedSecretFromAMountedFileAndShowsOnlyTheReference() throws Exception {
            Path mounted = Files.createTempFile("client-secret", "");
            Files.writeString(mounted, Graph.APP_SECRET + "\n");
            ConnectionRequests request = healthy().without("clientSecret").with("clientSecretRef", "file:" + mounted);

            JsonNode created = create(request).json();

            assertThat(created.path("secret").path("source").asString()).isEqualTo("REFERENCE");
            assertThat(created.path("secret").path("reference").asString()).isEqualTo("file:" + mounted);
            assertThat(mongo.findById(request.id(), Document.class, "connections").toJson()).doesNotContain(Graph.APP_SECRET);
            assertThat(result(check(request.id()), "clientSecret").path("message").asString()).contains("file:" + mounted);
            assertThat(api.post("/internal/connections/" + request.id() + "/token", Tokens.service("connections.token"), null)
                    .status()).isEqualTo(200);
        }

        @Test
        void failsTheSecretCheckWithARemedyWhenTheReferencedVariableIsNotSet() {
            ConnectionRequests request = healthy().without("clientSecret")
                    .with("clientSecretRef", "env:GRAPH_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_'));
            create(request);

            JsonNode secret = result(check(request.id()), "clientSecret");

            assertThat(secret.path("status").asString()).isEqualTo("FAILED");
            assertThat(secret.path("message").asString()).contains("is not set");
            assertThat(secret.path("remedy").asString()).contains("environment variable");
        }
    }

    @Nested
    class TokenBroker {

        @Test
        void handsOutARealTokenFromTheEmulatorOverHttps() {
            ConnectionRequests request = healthy();
            create(request);

            Api.Response token = api.post("/internal/connections/" + request.id() + "/token", Tokens.service("connections.token"), null);

            assertThat(token.status()).as(token.body()).isEqualTo(200);
            assertThat(token.header("Cache-Control")).contains("no-store");
            String accessToken = token.json().path("accessToken").asString();
            JsonNode claims = ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
            assertThat(claims.path("appid").asString()).isEqualTo(Graph.APP);
            assertThat(claims.path("tid").asString()).isEqualTo(Graph.TENANT);
            assertThat(Instant.parse(token.json().path("expiresAt").asString()))
                    .isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3600));
        }

        @Test
        void makesOneTokenRequestForFiftyCallersWithinTheTokensLife() throws Exception {
            String clientId = UUID.randomUUID().toString();
            String secret = "fifty-" + UUID.randomUUID();
            Graph.emulator().addApp(Graph.TENANT, clientId, secret, Graph.MAILBOX);
            ConnectionRequests request = healthy().with("clientId", clientId).with("clientSecret", secret);
            create(request);
            String internal = Tokens.service("connections.token");
            long before = Graph.emulator().counters().requests("entra.token", 200);

            ExecutorService callers = Executors.newFixedThreadPool(10);
            List<Future<Api.Response>> calls = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Callable<Api.Response> call = () -> api.post("/internal/connections/" + request.id() + "/token", internal, null);
                    calls.add(callers.submit(call));
                }
                List<String> handedOut = new ArrayList<>();
                for (Future<Api.Response> call : calls) {
                    Api.Response response = call.get();
                    assertThat(response.status()).isEqualTo(200);
                    handedOut.add(response.json().path("accessToken").asString());
                }
                assertThat(handedOut).hasSize(50).containsOnly(handedOut.get(0));
            } finally {
                callers.shutdownNow();
            }
            assertThat(Graph.emulator().counters().requests("entra.token", 200) - before).isEqualTo(1);
        }

        @Test
        void replacesATokenGraphRefusedOnceHoweverManyCallersReportIt() throws Exception {
            ConnectionRequests request = healthy();
            create(request);
            String internal = Tokens.service("connections.token");
            String path = "/internal/connections/" + request.id() + "/token";
            String first = api.post(path, internal, null).json().path("accessToken").asString();
            assertThat(api.post(path, internal, null).json().path("accessToken").asString()).as("cached").isEqualTo(first);
            long before = Graph.emulator().counters().requests("entra.token", 200);

            String second = api.post(path + "?refused=" + sha256(first), internal, null).json().path("accessToken").asString();
            String third = api.post(path + "?refused=" + sha256(first), internal, null).json().path("accessToken").asString();
            String unrelated = api.post(path + "?refused=" + sha256("a token it never handed out"), internal, null)
                    .json().path("accessToken").asString();
            Api.Response malformed = api.post(path + "?refused=" + first.substring(0, 20), internal, null);

            assertThat(second).isNotEqualTo(first);
            assertThat(third).as("a second caller refused the same token").isEqualTo(second);
            assertThat(unrelated).isEqualTo(second);
            assertThat(Graph.emulator().counters().requests("entra.token", 200) - before).isEqualTo(1);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().path("errors").get(0).path("field").asString()).isEqualTo("refused");
        }

        /** The digest by which a caller names a token: SHA-256, base64url without padding. */
        private static String sha256(String token) throws Exception {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void answersWithTheReasonWhenNoTokenCanBeHad() {
            ConnectionRequests noSecret = healthy().without("clientSecret");
            create(noSecret);
            ConnectionRequests wrongSecret = healthy().with("clientSecret", "not-the-secret");
            create(wrongSecret);
            String internal = Tokens.service("connections.token");

            Api.Response missing = api.post("/internal/connections/" + noSecret.id() + "/token", internal, null);
            Api.Response refused = api.post("/internal/connections/" + wrongSecret.id() + "/token", internal, null);
            Api.Response unknown = api.post("/internal/connections/no-such-connection/token", internal, null);

            assertThat(missing.status()).isEqualTo(409);
            assertThat(missing.json().path("reason").asString()).isEqualTo("NO_SECRET");
            assertThat(refused.status()).isEqualTo(502);
            assertThat(refused.json().path("aadsts").asString()).isEqualTo("7000215");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(List.of(missing, refused, unknown)).allSatisfy(r -> assertThat(r.header("Content-Type")).startsWith(PROBLEM_JSON));
        }
    }

    @Nested
    class SetupChecks {

        @Test
        void passForAHealthyMailbox() {
            ConnectionRequests request = healthy();
            create(request);

            Api.Response report = check(request.id());

            assertThat(report.json().path("passed").asBoolean()).as(report.body()).isTrue();
            for (String check : List.of("clientSecret", "token", "mailbox", "sourceFolder", "archiveFolder", "movePermission")) {
                assertThat(result(report, check).path("status").asString()).as(check).isEqualTo("PASSED");
            }
            assertThat(result(report, "subscription").path("status").asString()).isEqualTo("SKIPPED");
            assertThat(api.get("/api/connections/" + request.id() + "/check", admin).json()).isEqualTo(report.json());
        }

        @Test
        void passAndEnableWithoutForceForAnAppGivenTheMailboxByRbacForApplicationsAlone() {
            ConnectionRequests request = healthy().with("clientId", Graph.RBAC_APP).with("clientSecret", Graph.RBAC_APP_SECRET);
            create(request);

            Api.Response report = check(request.id());
            Api.Response enabled = api.post("/api/connections/" + request.id() + "/enable", admin, null);

            for (String check : List.of("clientSecret", "token", "mailbox", "sourceFolder", "archiveFolder", "movePermission")) {
                assertThat(result(report, check).path("status").asString()).as(check + " in " + report.body()).isEqualTo("PASSED");
            }
            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
            assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
        }

        @Test
        void failTheWriteCheckForAnAppThatMayOnlyReadWithARemedyNamingBothWaysToGrantIt() {
            ConnectionRequests request = healthy().with("clientId", Graph.READ_ONLY_APP)
                    .with("clientSecret", Graph.READ_ONLY_APP_SECRET);
            create(request);

            Api.Response report = check(request.id());
            JsonNode move = result(report, "movePermission");

            assertThat(result(report, "mailbox").path("status").asString()).isEqualTo("PASSED");
            assertThat(move.path("status").asString()).isEqualTo("FAILED");
            assertThat(move.path("message").asString()).contains("not move or delete").contains("ErrorAccessDenied");
            assertThat(move.path("remedy").asString()).contains("RBAC for Applications")
                    .contains("\"Application Mail.ReadWrite\"").contains("application permission Mail.ReadWrite");
            assertRefusedToEnable(request.id(), "movePermission");
        }

        @Test
        void waitForTheMailboxsRequestPermitsThatTheIngestorHoldsBeforeSendingAnything(
                @Autowired MailboxPermits permits) throws Exception {
            ConnectionRequests request = healthy();
            create(request);
            Instant before = Instant.now();
            CompletableFuture<Api.Response> checked;
            // As mail-ingestor's replicas would, with four requests of the mailbox in flight.
            try (MailboxPermits.Held ingestor = permits.acquire(Graph.MAILBOX, 4)) {
                checked = CompletableFuture.supplyAsync(() -> check(request.id()));
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !checked.isDone());
                assertThat(Graph.emulator().requestLog()).as("requests to the mailbox while its permits were held")
                        .noneMatch(r -> Graph.MAILBOX.equalsIgnoreCase(r.mailbox()) && !r.arrivedAt().isBefore(before));
            }

            Api.Response report = checked.get(60, TimeUnit.SECONDS);
            assertThat(result(report, "mailbox").path("status").asString()).as(report.body()).isEqualTo("PASSED");
        }

        @Test
        void proveWriteAccessWithoutChangingTheMailbox() {
            ConnectionRequests request = healthy();
            create(request);
            Instant before = Instant.now();

            assertThat(result(check(request.id()), "movePermission").path("status").asString()).isEqualTo("PASSED");

            assertThat(Graph.emulator().requestLog()).filteredOn(r -> Graph.MAILBOX.equals(r.mailbox())
                    && !r.arrivedAt().isBefore(before) && !r.method().equals("GET"))
                    .as("requests that changed the mailbox").allSatisfy(r -> assertThat(r.status()).isEqualTo(409));
        }

        @Test
        void passWithASubscriptionWhenTheNotificationUrlAnswersGraphsValidation() {
            try (ValidatingWebhook webhook = ValidatingWebhook.start()) {
                ConnectionRequests request = healthy().with("notificationUrl", webhook.url());
                create(request);

                JsonNode subscription = result(check(request.id()), "subscription");

                assertThat(subscription.path("status").asString()).as(subscription.toString()).isEqualTo("PASSED");
                assertThat(Graph.emulator().subscriptions()).noneMatch(s -> webhook.url().equals(s.notificationUrl()));
            }
        }

        @Test
        void failForAWrongSecretWithItsRemedyAndEnableIsRefused() {
            ConnectionRequests request = healthy().with("clientSecret", "wrong-" + UUID.randomUUID());
            create(request);

            Api.Response report = check(request.id());
            JsonNode token = result(report, "token");
            assertThat(report.json().path("passed").asBoolean()).isFalse();
            assertThat(token.path("status").asString()).isEqualTo("FAILED");
            assertThat(token.path("message").asString()).contains("AADSTS7000215");
            assertThat(token.path("remedy").asString()).contains("client secret is wrong");
            assertThat(result(report, "mailbox").path("status").asString()).isEqualTo("SKIPPED");

            assertRefusedToEnable(request.id(), "token");
        }

        @Test
        void failForAMissingArchiveFolderWithItsRemedyAndCreateItOnRequest() {
            String folder = "Customer Archive " + UUID.randomUUID().toString().substring(0, 6);
            ConnectionRequests request = healthy().with("archiveFolder", folder);
            create(request);

            JsonNode missing = result(check(request.id()), "archiveFolder");
            assertThat(missing.path("status").asString()).isEqualTo("FAILED");
            assertThat(missing.path("remedy").asString()).contains("createArchiveFolder=true");
            assertRefusedToEnable(request.id(), "archiveFolder");

            Api.Response created = api.post("/api/connections/" + request.id() + "/check?createArchiveFolder=true", admin, null);
            assertThat(result(created, "archiveFolder").path("status").asString()).isEqualTo("PASSED");
            assertThat(created.json().path("passed").asBoolean()).isTrue();
            String folderId = created.json().path("archiveFolderId").asString();
            assertThat(api.get("/api/connections/" + request.id(), admin).json().path("archiveFolder").asString())
                    .isEqualTo(folderId);
            assertThat(Graph.emulator().control().mailboxes()).isNotEmpty();
            assertThat(api.post("/api/connections/" + request.id() + "/enable", admin, null).status()).isEqualTo(200);
        }

        @Test
        void failForAnAppWithoutAccessToTheMailboxWithItsRemedy() {
            ConnectionRequests request = healthy().with("clientId", Graph.NARROW_APP).with("clientSecret", Graph.NARROW_APP_SECRET);
            create(request);

            Api.Response report = check(request.id());
            JsonNode mailbox = result(report, "mailbox");

            assertThat(result(report, "token").path("status").asString()).isEqualTo("PASSED");
            assertThat(mailbox.path("status").asString()).isEqualTo("FAILED");
            assertThat(mailbox.path("message").asString()).contains("no access").contains("ErrorAccessDenied");
            assertThat(mailbox.path("remedy").asString()).contains("application access policy");
            assertRefusedToEnable(request.id(), "mailbox");
        }

        @Test
        void enablePublishesTheEventWhenTheChecksPass() {
            ConnectionRequests request = healthy();
            create(request);

            Api.Response enabled = api.post("/api/connections/" + request.id() + "/enable", admin, "");

            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
            assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
            ConnectionConfigured event = event(connectionRecords(request.id(), 2).get(1));
            assertThat(event.enabled()).isTrue();
            assertThat(event.revision()).isEqualTo(2);
        }

        @Test
        void enableWithForceSkipsTheChecksAndIsAudited() {
            ConnectionRequests request = healthy().with("clientSecret", "wrong-" + UUID.randomUUID());
            create(request);

            Api.Response forced = api.post("/api/connections/" + request.id() + "/enable?force=true", admin, null);

            assertThat(forced.status()).isEqualTo(200);
            JsonNode entry = api.get("/api/audit?connectionId=" + request.id(), admin).json().path("items").get(0);
            assertThat(entry.path("action").asString()).isEqualTo("CONNECTION_ENABLED");
            assertThat(entry.path("details").path("forced").asString()).isEqualTo("true");
        }

        private void assertRefusedToEnable(String id, String failingCheck) {
            Api.Response refused = api.post("/api/connections/" + id + "/enable", admin, null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(refused.json().path("checks").valueStream()
                    .filter(c -> c.path("status").asString().equals("FAILED")).map(c -> c.path("check").asString()))
                    .contains(failingCheck);
            assertThat(api.get("/api/connections/" + id, admin).json().path("enabled").asBoolean()).isFalse();
        }
    }

    @Nested
    class DelegatedConsent {

        private final HttpClient browser = HttpClient.newBuilder().sslContext(Graph.emulator().sslContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        @Test
        void storesARefreshTokenThatLaterProducesAccessTokens() throws Exception {
            ConnectionRequests request = ConnectionRequests.delegated(emulatorPort, port);
            create(request);
            String internal = Tokens.service("connections.token");
            Api.Response beforeConsent = api.post("/internal/connections/" + request.id() + "/token", internal, null);
            assertThat(beforeConsent.status()).isEqualTo(409);
            assertThat(beforeConsent.json().path("reason").asString()).isEqualTo("NO_CONSENT");

            Api.Response start = api.get("/api/connections/" + request.id() + "/consent", admin);
            assertThat(start.status()).isEqualTo(302);
            URI authorize = URI.create(start.header("Location"));
            Map<String, String> query = query(authorize);
            assertThat(authorize.toString()).startsWith(Graph.emulator().authorityHost() + "/" + Graph.TENANT + "/oauth2/v2.0/authorize");
            assertThat(query).containsEntry("client_id", Graph.DELEGATED_APP).containsEntry("code_challenge_method", "S256")
                    .containsKey("state").doesNotContainKey("prompt");
            assertThat(query.get("scope")).contains("offline_access").contains("Mail.ReadWrite.Shared");

            HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(authorize).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
            String callback = signIn.headers().firstValue("Location").orElseThrow();
            assertThat(callback).startsWith("http://127.0.0.1:" + port + "/oauth/callback?");

            Api.Response consented = api.get(callback, null);
            assertThat(consented.status()).as(consented.body()).isEqualTo(200);
            assertThat(consented.json().path("account").asString()).isEqualTo(Graph.MAILBOX);
            assertThat(api.get(callback, null).status()).as("a state completes one consent").isEqualTo(400);

            Api.Response token = api.post("/internal/connections/" + request.id() + "/token", internal, null);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            JsonNode claims = ContractJson.mapper().readTree(
                    Base64.getUrlDecoder().decode(token.json().path("accessToken").asString().split("\\.")[1]));
            assertThat(claims.path("upn").asString()).isEqualTo(Graph.MAILBOX);
            assertThat(claims.path("scp").asString()).contains("Mail.ReadWrite.Shared");

            Api.Response renewed = api.post("/api/connections/" + request.id() + "/renew-token", admin, null);
            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            assertThat(renewed.json().path("account").asString()).isEqualTo(Graph.MAILBOX);
            assertThat(renewed.body()).doesNotContain(token.json().path("accessToken").asString());
            Document grant = mongo.findById(request.id(), Document.class, "delegated_grants");
            assertThat(grant.toJson()).doesNotContain("1.emu");

            Api.Response changeAccount = api.get("/api/connections/" + request.id() + "/consent?changeAccount=true", admin);
            assertThat(query(URI.create(changeAccount.header("Location")))).containsEntry("prompt", "select_account");
        }

        @Test
        void refusesACallbackWithAnUnknownState() {
            Api.Response refused = api.get("/oauth/callback?code=abc&state=forged", null);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("state");
        }

        @Test
        void refusesConsentForAnApplicationConnection() {
            ConnectionRequests request = healthy();
            create(request);

            Api.Response refused = api.get("/api/connections/" + request.id() + "/consent", admin);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errorFields()).containsExactly("authMode");
        }

        private static Map<String, String> query(URI uri) {
            return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                    .collect(java.util.stream.Collectors.toMap(pair -> pair[0],
                            pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Security {

        @Test
        void refusesTheAdminApiWithoutAValidToken() {
            TestIssuer issuer = TestIssuer.shared();
            Map<String, String> badTokens = Map.of(
                    "no token", "",
                    "not a JWT", "not-a-jwt",
                    "signed by another key", issuer.person("mallory", "mailtrail-admin").audience(Tokens.PEOPLE)
                            .signedByStranger().sign(),
                    "expired", issuer.person("alice", "mailtrail-admin").audience(Tokens.PEOPLE)
                            .expiredSince(Duration.ofMinutes(10)).sign(),
                    "of another issuer", issuer.person("alice", "mailtrail-admin").audience(Tokens.PEOPLE)
                            .issuedBy("https://login.example").sign(),
                    "for another audience", issuer.person("alice", "mailtrail-admin")
                            .audience("mailtrail-interaction-matcher").sign());

            badTokens.forEach((why, token) -> {
                Api.Response refused = api.get("/api/connections", token.isEmpty() ? null : token);
                assertThat(refused.status()).as(why).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).as(why).startsWith("Bearer");
                assertThat(refused.header("Content-Type")).as(why).startsWith(PROBLEM_JSON);
            });
            assertThat(api.post("/internal/connections/any/token", null, null).status()).isEqualTo(401);
        }

        @Test
        void refusesACallerWithoutTheRoleTheEndpointNeeds() {
            String internal = Tokens.service("connections.token");
            String nobody = Tokens.person("bob", "sales-manager");
            ConnectionRequests request = healthy();
            create(request);

            assertThat(api.get("/api/connections", internal).status()).isEqualTo(403);
            assertThat(api.get("/api/audit", nobody).status()).isEqualTo(403);
            Api.Response adminOnInternal = api.post("/internal/connections/" + request.id() + "/token", admin, null);
            assertThat(adminOnInternal.status()).isEqualTo(403);
            assertThat(adminOnInternal.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
            assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(401);
            assertThat(api.get("/v3/api-docs", nobody).status()).isEqualTo(200);
        }

        @Test
        void everyEndpointWantsATokenOfTheIssuerForConfigServiceAndTheRoleOrPermissionItsRuleNames() {
            ConfigServiceMatrix.of(port).verify();
        }
    }

    @Nested
    class Audit {

        @Test
        void recordsWhoChangedWhichFieldsAndWhenWithoutSecretValues() {
            ConnectionRequests request = healthy();
            create(request);
            String bob = admin("bob@contoso.com");
            api.put("/api/connections/" + request.id(), bob,
                    request.with("displayName", "renamed").with("clientSecret", Graph.APP_SECRET).body(), "\"1\"");
            api.delete("/api/connections/" + request.id(), bob, null);

            Api.Response page = api.get("/api/audit?connectionId=" + request.id() + "&limit=2", admin);
            List<JsonNode> entries = page.json().path("items").valueStream().toList();

            assertThat(entries).extracting(e -> e.path("action").asString())
                    .containsExactly("CONNECTION_DELETED", "CONNECTION_UPDATED");
            assertThat(entries.get(1).path("actor").asString()).isEqualTo("bob@contoso.com");
            assertThat(entries.get(1).path("fields").valueStream().map(JsonNode::asString))
                    .containsExactly("displayName", "clientSecret");
            assertThat(entries.get(1).path("revision").asLong()).isEqualTo(2);
            assertThat(page.body()).doesNotContain(Graph.APP_SECRET);

            Api.Response next = api.get("/api/audit?connectionId=" + request.id() + "&limit=2&cursor="
                    + page.json().path("nextCursor").asString(), admin);
            JsonNode created = next.json().path("items").get(0);
            assertThat(created.path("action").asString()).isEqualTo("CONNECTION_CREATED");
            assertThat(created.path("actor").asString()).isEqualTo("alice@contoso.com");
            assertThat(created.path("fields").valueStream().map(JsonNode::asString)).contains("tenantId", "clientSecret");
            assertThat(Instant.parse(created.path("at").asString())).isBefore(Instant.now());
            assertThat(api.get("/api/audit?cursor=forged", admin).status()).isEqualTo(400);
        }
    }

    @Nested
    class Metrics {

        @Test
        void countsConnectionsByStateChecksByResultAndTokenRequests() {
            ConnectionRequests request = healthy();
            create(request);
            check(request.id());
            api.post("/api/connections/" + request.id() + "/enable", admin, null);
            ConnectionRequests broken = healthy().with("clientSecret", "wrong-" + UUID.randomUUID());
            create(broken);
            check(broken.id());

            String metrics = api.get("/actuator/prometheus", Tokens.metrics()).body();

            assertThat(gauge(metrics, "mailtrail_connections_configured", "state=\"enabled\"")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "mailtrail_connections_configured", "state=\"disabled\"")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "mailtrail_checks_completed_total", "check=\"token\"", "status=\"failed\"")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "mailtrail_checks_completed_total", "check=\"mailbox\"", "status=\"passed\"")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "mailtrail_tokens_requested_total", "source=\"authority\"")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "mailtrail_tokens_failed_total", "reason=\"rejected\"")).isGreaterThanOrEqualTo(1);
        }

        private double gauge(String metrics, String name, String... labels) {
            Predicate<String> matches = line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains);
            Optional<String> line = metrics.lines().filter(matches).findFirst();
            assertThat(line).as(name + " " + List.of(labels)).isPresent();
            return Double.parseDouble(line.get().substring(line.get().lastIndexOf(' ') + 1));
        }
    }

    @Nested
    class ApiDescription {

        @Test
        void describesTheApiWithTheSecretAsWriteOnly() {
            JsonNode openApi = api.get("/v3/api-docs", admin).json();

            assertThat(openApi.path("paths").has("/api/connections/{id}/check")).isTrue();
            assertThat(openApi.path("paths").has("/internal/connections/{id}/token")).isTrue();
            assertThat(openApi.at("/components/schemas/ConnectionRequest/properties/clientSecret/writeOnly").asBoolean()).isTrue();
            assertThat(openApi.at("/components/schemas/ConnectionRequest/properties/copies/default").asString())
                    .isEqualTo("LIKE_FIRST");
            assertThat(openApi.at("/components/schemas/Hold/properties/retention/default").asString()).isEqualTo("P30D");
            assertThat(openApi.at("/components/schemas/Hold/properties/folder/maxLength").asInt()).isEqualTo(100);
            assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        }
    }

    @Nested
    class Imap {

        private final MailServer mail = MailServer.shared();

        private ConnectionRequests imap() {
            if (!mail.hasFolder("Archive")) {
                mail.createFolder("Archive");
            }
            return ConnectionRequests.imap(mail.imapsPort());
        }

        private static boolean absent(JsonNode node) {
            return node.isNull() || node.isMissingNode();
        }

        private Map<String, String> statuses(Api.Response report) {
            Map<String, String> statuses = new java.util.LinkedHashMap<>();
            report.json().path("results").valueStream()
                    .forEach(r -> statuses.put(r.path("check").asString(), r.path("status").asString()));
            return statuses;
        }

        private Api.Response credential(String id) {
            return new Api(port).post("/internal/connections/" + id + "/imap-credential",
                    Tokens.service("connections.token"), null);
        }

        @Test
        void createsChecksAndEnablesAConnectionToAGoodServerAndPublishesItsKindAndServerButNeverThePassword()
                throws Exception {
            // Random per test JVM: found nowhere but where this test put it.
            String password = MailServer.PASSWORD;
            ConnectionRequests request = imap();
            Api.Response created;
            Api.Response report;
            Api.Response enabled;
            List<String> logs;
            try (CapturedLogs captured = CapturedLogs.start()) {
                created = create(request);
                report = check(request.id());
                enabled = api.post("/api/connections/" + request.id() + "/enable", admin, "");
                api.get("/api/connections/" + request.id(), admin);
                api.get("/api/audit?connectionId=" + request.id(), admin);
                logs = captured.lines();
            }

            assertThat(created.json().path("kind").asString()).isEqualTo("IMAP");
            assertThat(created.json().path("imap").path("port").asInt()).isEqualTo(mail.imapsPort());
            assertThat(created.json().path("passwordSecret").path("source").asString()).isEqualTo("STORED");
            assertThat(created.json().has("password")).isFalse();
            assertThat(absent(created.json().path("graphBaseUrl"))).isTrue();
            assertThat(statuses(report)).as(report.body()).containsExactly(Map.entry("dns", "PASSED"),
                    Map.entry("tcp", "PASSED"), Map.entry("tls", "PASSED"), Map.entry("login", "PASSED"),
                    Map.entry("sourceFolder", "PASSED"), Map.entry("archiveFolder", "PASSED"),
                    Map.entry("move", "PASSED"), Map.entry("idle", "PASSED"));
            assertThat(result(report, "tls").path("message").asString()).contains("CN=localhost")
                    .contains("issued for 127.0.0.1");
            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);

            List<ConsumerRecord<String, byte[]>> records = connectionRecords(request.id(), 2);
            ConnectionConfigured event = event(records.get(1));
            assertThat(event.enabled()).isTrue();
            assertThat(event.kind()).isEqualTo(org.mailtrail.events.config.ConnectionKind.IMAP);
            assertThat(event.imap()).isEqualTo(new org.mailtrail.events.config.ImapSettings("127.0.0.1",
                    mail.imapsPort(), org.mailtrail.events.config.ImapSecurity.TLS, MailServer.USER,
                    org.mailtrail.events.config.ImapAuth.PASSWORD));
            assertThat(records).as("events").allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(password).doesNotContain("password"));
            assertThat(api.bodies()).as("response bodies").noneMatch(body -> body.contains(password));
            assertThat(logs).as("log lines").isNotEmpty().noneMatch(line -> line.contains(password));
            assertThat(mongo.findAll(Document.class, "audit")).as("audit entries")
                    .noneMatch(entry -> entry.toJson().contains(password));
            assertThat(mongo.findById(request.id(), Document.class, "connections").toJson()).doesNotContain(password);
            assertThat(api.get("/api/audit?connectionId=" + request.id(), admin).json().path("items").valueStream()
                    .flatMap(entry -> entry.path("fields").valueStream()).map(JsonNode::asString)).contains("password");
        }

        @Test
        void failsTheLoginWithItsRemedyForAWrongPasswordAndRefusesToEnable() {
            ConnectionRequests request = imap().with("password", "wrong-" + UUID.randomUUID());
            create(request);

            Api.Response refused = api.post("/api/connections/" + request.id() + "/enable", admin, null);

            assertThat(refused.status()).isEqualTo(409);
            JsonNode login = refused.json().path("checks").valueStream()
                    .filter(c -> c.path("check").asString().equals("login")).findFirst().orElseThrow();
            assertThat(login.path("status").asString()).isEqualTo("FAILED");
            assertThat(login.path("remedy").asString()).contains("Set-CASMailbox crm-log -ImapEnabled $true")
                    .contains("Set-ImapSettings -LoginType SecureLogin");
            assertThat(api.get("/api/connections/" + request.id(), admin).json().path("enabled").asBoolean()).isFalse();
        }

        @Test
        void failsTheLoginNamingTheVariableWhenTheReferencedPasswordIsNotSet() {
            ConnectionRequests request = imap().without("password").with("passwordRef", "env:GRAPH_IMAP_PASSWORD_UNSET");
            create(request);

            JsonNode login = result(check(request.id()), "login");

            assertThat(login.path("status").asString()).isEqualTo("FAILED");
            assertThat(login.path("remedy").asString()).contains("environment variable GRAPH_IMAP_PASSWORD_UNSET");
        }

        @Test
        void failsTheDnsCheckForAnUnknownHostAndSkipsTheRest() {
            ConnectionRequests request = imap().withImap("host", "imap.no-such-host.invalid");
            create(request);

            Api.Response report = check(request.id());

            assertThat(result(report, "dns").path("status").asString()).isEqualTo("FAILED");
            assertThat(result(report, "dns").path("remedy").asString()).contains("Get-ImapSettings");
            assertThat(statuses(report)).containsEntry("tcp", "SKIPPED").containsEntry("login", "SKIPPED")
                    .containsEntry("idle", "SKIPPED");
        }

        @Test
        void failsTheTcpCheckForAClosedPortNamingTheImap4Services() throws Exception {
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            ConnectionRequests request = imap().withImap("port", closed);
            create(request);

            JsonNode tcp = result(check(request.id()), "tcp");

            assertThat(tcp.path("status").asString()).isEqualTo("FAILED");
            assertThat(tcp.path("message").asString()).contains("refused");
            assertThat(tcp.path("remedy").asString()).contains("Start-Service MSExchangeIMAP4")
                    .contains("MSExchangeIMAP4BE").contains("-StartupType Automatic");
        }

        @Test
        void failsTheTlsCheckForACertificateNoTrustStoreHoldsAndNeverSignsIn() {
            ConnectionRequests request = imap().withImap("port", mail.untrustedPort());
            create(request);

            Api.Response report = check(request.id());

            JsonNode tls = result(report, "tls");
            assertThat(tls.path("status").asString()).as(report.body()).isEqualTo("FAILED");
            assertThat(tls.path("message").asString()).contains("not trusted");
            assertThat(tls.path("remedy").asString()).contains("Set-ImapSettings -X509CertificateName")
                    .contains("MAILTRAIL_IMAP_TRUST_STORE");
            assertThat(result(report, "login").path("status").asString()).isEqualTo("SKIPPED");
        }

        @Test
        void failsTheTlsCheckForAPlaintextServerThatOffersNoStartTls() {
            ConnectionRequests request = imap().withImap("port", mail.plainImapPort()).withImap("security", "STARTTLS");
            create(request);

            JsonNode tls = result(check(request.id()), "tls");

            assertThat(tls.path("status").asString()).isEqualTo("FAILED");
            assertThat(tls.path("message").asString()).contains("does not offer STARTTLS");
            assertThat(tls.path("remedy").asString()).contains("never signs in over an unencrypted connection");
        }

        @Test
        void failsForAMissingSourceFolder() {
            ConnectionRequests request = imap().with("sourceFolder", "Queue-" + UUID.randomUUID());
            create(request);

            JsonNode source = result(check(request.id()), "sourceFolder");

            assertThat(source.path("status").asString()).isEqualTo("FAILED");
            assertThat(source.path("remedy").asString()).contains("INBOX");
        }

        @Test
        void createsTheArchiveFolderWhenAskedAndNotOtherwise() {
            String folder = "Logged-" + UUID.randomUUID().toString().substring(0, 8);
            ConnectionRequests request = imap().with("archiveFolder", folder);
            create(request);
            assertThat(result(check(request.id()), "archiveFolder").path("status").asString()).isEqualTo("FAILED");
            assertThat(mail.hasFolder(folder)).isFalse();

            Api.Response created = api.post("/api/connections/" + request.id() + "/check?createArchiveFolder=true",
                    admin, null);
            assertThat(result(created, "archiveFolder").path("status").asString()).as(created.body())
                    .isEqualTo("PASSED");
            assertThat(mail.hasFolder(folder)).isTrue();
            assertThat(api.get("/api/connections/" + request.id(), admin).json().path("archiveFolder").asString())
                    .isEqualTo(folder);
        }

        @Test
        void answersThePasswordToTheIngestorWithoutStoreAndConflictsForAGraphConnection() {
            ConnectionRequests request = imap();
            create(request);
            ConnectionRequests graph = healthy();
            create(graph);

            Api.Response credential = credential(request.id());

            assertThat(credential.status()).as(credential.body()).isEqualTo(200);
            assertThat(credential.header("Cache-Control")).contains("no-store");
            assertThat(credential.json().path("username").asString()).isEqualTo(MailServer.USER);
            assertThat(credential.json().path("mechanism").asString()).isEqualTo("PASSWORD");
            assertThat(credential.json().path("secret").asString()).isEqualTo(MailServer.PASSWORD);
            assertThat(absent(credential.json().path("expiresAt"))).isTrue();
            Api.Response notImap = credential(graph.id());
            assertThat(notImap.status()).isEqualTo(409);
            assertThat(notImap.json().path("reason").asString()).isEqualTo("NOT_IMAP");
            assertThat(new Api(port).post("/internal/connections/" + request.id() + "/imap-credential", admin, null)
                    .status()).as("a person's token").isEqualTo(403);
        }

        @Test
        void acquiresAnXoauth2TokenFromEntraForTheApp() {
            ConnectionRequests request = imap().withImap("auth", "XOAUTH2").without("password")
                    .with("tenantId", Graph.TENANT).with("clientId", Graph.APP).with("clientSecret", Graph.APP_SECRET)
                    .with("authorityHost", "https://127.0.0.1:" + emulatorPort);
            create(request);

            Api.Response credential = credential(request.id());

            assertThat(credential.status()).as(credential.body()).isEqualTo(200);
            assertThat(credential.json().path("mechanism").asString()).isEqualTo("XOAUTH2");
            String token = credential.json().path("secret").asString();
            JsonNode claims = ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(claims.path("appid").asString()).isEqualTo(Graph.APP);
            assertThat(Instant.parse(credential.json().path("expiresAt").asString())).isAfter(Instant.now());
        }

        @Test
        void dropsThePasswordWhenTheHostChangesWithoutANewOne() {
            ConnectionRequests request = imap();
            create(request);

            Api.Response moved = api.put("/api/connections/" + request.id(), admin,
                    request.without("password").withImap("host", "localhost").body(), "\"1\"");

            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(absent(moved.json().path("passwordSecret"))).isTrue();
            assertThat(credential(request.id()).json().path("reason").asString()).isEqualTo("NO_PASSWORD");
            JsonNode login = result(check(request.id()), "login");
            assertThat(login.path("status").asString()).isEqualTo("FAILED");
            assertThat(login.path("remedy").asString()).contains("passwordRef");
        }
    }
}
