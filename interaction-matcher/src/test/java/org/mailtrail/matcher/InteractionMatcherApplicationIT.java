package org.mailtrail.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS;
import static org.mailtrail.matcher.testdata.DemoDirectory.MIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.NEWCOMER_AT_FABRIKAM;
import static org.mailtrail.matcher.testdata.DemoDirectory.OLE;
import static org.mailtrail.matcher.testdata.DemoDirectory.STRANGER;
import static org.mailtrail.matcher.testdata.Mails.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.groups.Tuple;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.directory.ContactUpserted;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.events.opportunity.PromotionRejected;
import org.mailtrail.events.opportunity.RejectionReason;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.web.ContactRow;
import org.mailtrail.matcher.directory.web.SalespersonRow;
import org.mailtrail.matcher.interactionlog.domain.LinkNotes;
import org.mailtrail.matcher.interactionlog.domain.LogIds;
import org.mailtrail.matcher.interactionlog.store.InteractionDocument;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.matcher.testdata.AcceptanceMails;
import org.mailtrail.matcher.testdata.Mails;
import org.mailtrail.matcher.testdata.Api;
import org.mailtrail.matcher.testdata.Broker;
import org.mailtrail.matcher.testdata.DemoDirectory;
import org.mailtrail.matcher.testdata.IngestorStub;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.BindingConfigurationContract;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.TestInfrastructure;
import org.mailtrail.testsupport.security.Allowed;
import org.mailtrail.testsupport.security.AuthorizationMatrix;
import org.mailtrail.testsupport.security.TestIssuer;
import org.mailtrail.testsupport.security.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * interaction-matcher on the real broker and MongoDB server, driven as its neighbours drive it:
 * the CRM and the REST import fill the directory, the ingestor publishes mail and what it did with
 * it, the opportunity service publishes opportunities; subscribers read the topics, users the API.
 * One application context for all groups; each group uses connections and ids of its own.
 */
@IntegrationTest(properties = { "mailtrail.matcher.ingestor-timeout=1s",
        // The tests leave records behind as another instance would: the relay must not wait the minute to look.
        "mailtrail.outbox.sweep-interval=1s" })
class InteractionMatcherApplicationIT implements ActuatorEndpointsContract, BindingConfigurationContract {

    private static final Logger log = LoggerFactory.getLogger(InteractionMatcherApplicationIT.class);

    private static final String GROUP = "interaction-matcher";
    private static final String MAIL_DLQ = Topics.deadLetter(Topics.MAIL_RECEIVED, GROUP);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final IngestorStub INGESTOR = IngestorStub.start();
    private static final Broker BROKER = new Broker(TestInfrastructure.shared().kafka().bootstrapServers());

    @DynamicPropertySource
    static void ingestor(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.matcher.ingestor-url", INGESTOR::url);
        registry.add("mailtrail.matcher.hold-sweep-interval", () -> "1s");
    }

    @AfterAll
    static void closeBroker() {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Outbox outbox;

    Api api;

    @Override
    public boolean isContractBinding(String bindingName) {
        // The ledger reads the matcher's own dead-letter topic for mail, which is no contract topic.
        return !bindingName.startsWith("recordFailedMail");
    }

    @BeforeEach
    void seedDirectory() {
        api = new Api(port);
        assertThat(api.putJson("/api/directory/salespeople", DemoDirectory.salespeople().stream()
                .map(s -> new SalespersonRow(s.code(), s.name(), s.emails())).toList()).status()).isEqualTo(200);
        assertThat(api.putJson("/api/directory/contacts", rows(DemoDirectory.contacts())).status()).isEqualTo(200);
    }

    @Test
    void describesItsApiInOpenApi() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.propertyNames()).contains("/api/directory/contacts", "/api/directory/salespeople",
                "/api/interactions", "/api/interactions/{id}", "/api/interactions/{id}/message",
                "/api/contacts/{contactId}/timeline", "/api/ledger/{connectionId}",
                "/api/ledger/{connectionId}/failures");
        assertThat(paths.at("/~1api~1directory~1contacts/put/requestBody/content").propertyNames())
                .contains("application/json", "text/csv");
    }

    @Nested
    class Directory {

        @Test
        void importsContactsFromJsonReportingBadRowsByLineAndKeepingTheGoodOnes() {
            Api.Response response = api.put("/api/directory/contacts", "application/json", """
                    [
                      {"contactId": "DJ-1", "name": "Good One", "type": "PERSON", "email": "good.one@json.example",
                       "alternateEmails": ["g1@json.example"]},
                      {"contactId": "", "type": "PERSON", "email": "nobody@json.example"},
                      {"contactId": "DJ-3", "type": "ROBOT", "email": "not-an-address"},
                      {"contactId": "DJ-4", "name": "Good Two", "type": "company", "email": "info@json.example"}
                    ]
                    """);

            assertThat(response.status()).isEqualTo(200);
            JsonNode report = response.json();
            assertThat(report.get("received").asInt()).isEqualTo(4);
            assertThat(report.get("upserted").asInt()).isEqualTo(2);
            assertThat(report.get("rejected").asInt()).isEqualTo(2);
            assertThat(report.get("errors").values()).extracting(e -> e.get("line").asInt() + " " + e.get("field")
                    .asString() + ": " + e.get("reason").asString()).containsExactly(
                            "4 contactId: must not be blank",
                            "5 type: must be PERSON or COMPANY, not 'ROBOT'",
                            "5 email: not an e-mail address: 'not-an-address'");
            assertThat(api.get("/api/directory/contacts/DJ-1").json().get("alternateEmails").get(0).asString())
                    .isEqualTo("g1@json.example");
            assertThat(api.get("/api/directory/contacts/DJ-4").json().get("type").asString()).isEqualTo("COMPANY");
            assertThat(api.get("/api/directory/contacts/DJ-3").status()).isEqualTo(404);
        }

        @Test
        void importsContactsAndSalespeopleFromCsv() {
            Api.Response contacts = api.put("/api/directory/contacts", "text/csv", """
                    contactId,name,type,companyId,companyName,email,alternateEmails,privacyBlocked
                    DC-1,Csv Company,COMPANY,,,info@csv.example,,false
                    DC-2,Csv Person,PERSON,DC-1,Csv Company,person@csv.example,p1@csv.example;p2@csv.example,true
                    DC-3,Broken,PERSON,,,broken@csv.example,,perhaps
                    """);
            Api.Response salespeople = api.put("/api/directory/salespeople", "text/csv", """
                    code,name,emails
                    CS1,Csv Seller,seller@contoso.com;seller@contoso.de
                    """);

            assertThat(contacts.json().get("upserted").asInt()).isEqualTo(2);
            assertThat(contacts.json().get("errors").get(0).get("line").asInt()).isEqualTo(4);
            assertThat(contacts.json().get("errors").get(0).get("field").asString()).isEqualTo("privacyBlocked");
            assertThat(salespeople.json().get("upserted").asInt()).isEqualTo(1);
            JsonNode person = api.get("/api/directory/contacts/DC-2").json();
            assertThat(person.get("privacyBlocked").asBoolean()).isTrue();
            assertThat(person.get("alternateEmails").values()).extracting(JsonNode::asString)
                    .containsExactly("p1@csv.example", "p2@csv.example");
            assertThat(api.get("/api/directory/salespeople/CS1").json().get("emails").size()).isEqualTo(2);
        }

        @Test
        void refusesAnUnreadableImportWithTheLineAndAnImportOfTheWrongType() {
            Api.Response broken = api.put("/api/directory/contacts", "application/json", "[\n{\"contactId\": }\n]");
            Api.Response noHeader = api.put("/api/directory/salespeople", "text/csv", "AB,Anna,anna@contoso.com\n");
            Api.Response xml = api.put("/api/directory/contacts", "application/xml", "<contacts/>");

            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
            assertThat(broken.json().get("line").asInt()).isEqualTo(2);
            assertThat(broken.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
            assertThat(noHeader.status()).isEqualTo(400);
            assertThat(noHeader.json().get("detail").asString()).contains("lacks the column(s) code");
            assertThat(xml.status()).isEqualTo(415);
            assertThat(xml.header("Content-Type")).startsWith("application/problem+json");
        }

        @Test
        void importsOneHundredThousandContactsFromCsvAndMatchesAgainstThemAtOnce() {
            StringBuilder csv = new StringBuilder("contactId,name,type,companyId,email,alternateEmails\n");
            IntStream.range(0, 100_000).forEach(i -> csv.append("BULK-").append(i).append(",Bulk contact ").append(i)
                    .append(",PERSON,,bulk").append(i).append("@bulk").append(i % 1_000).append(".example,alt")
                    .append(i).append("@bulk.example\n"));

            long started = System.nanoTime();
            Api.Response response = api.put("/api/directory/contacts", "text/csv", csv.toString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("CSV import of 100,000 contacts ({} MB) took {} ms", csv.length() / 1_000_000, millis);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("upserted").asInt()).isEqualTo(100_000);
            assertThat(response.json().get("rejected").asInt()).isZero();
            assertThat(api.get("/api/directory").json().get("contacts").asInt()).isGreaterThanOrEqualTo(100_000);
            assertThat(mongo.count(new Query(Criteria.where("_id").regex("^BULK-")), "contacts")).isEqualTo(100_000);

            MailReceived mail = mail().connection("bulk").from(ANNA).to("bulk99999@bulk999.example", "alt4242@bulk.example")
                    .build();
            BROKER.publish(mail);
            InteractionDocument any = awaitInteractions(mail, 2).get(0);
            assertThat(any.pair().contactId()).startsWith("BULK-");
        }

        @Test
        void refusesMoreRowsThanOneImportTakes() {
            String csv = "code,name,emails\n" + "X,Seller,x@contoso.com\n".repeat(100_001);

            Api.Response response = api.put("/api/directory/salespeople", "text/csv", csv);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("detail").asString()).isEqualTo("at most 100000 rows per request; split the import");
            assertThat(api.get("/api/directory/salespeople/X").status()).isEqualTo(404);
        }

        @Test
        void followsTheCrmTopicsIncludingTombstones() {
            BROKER.publish(new ContactUpserted(UUID.randomUUID(), Instant.now(), 1, "DT-1", "Topic Contact",
                    ContactType.PERSON, null, null, "topic.contact@crm.example", List.of(), false));
            BROKER.publish(new SalespersonUpserted(UUID.randomUUID(), Instant.now(), 1, "TS", "Topic Seller",
                    List.of("topic.seller@contoso.com")));
            await().atMost(PATIENCE).until(() -> api.get("/api/directory/contacts/DT-1").status() == 200
                    && api.get("/api/directory/salespeople/TS").status() == 200);

            MailReceived mail = mail().connection("crm").from("topic.seller@contoso.com")
                    .to("Topic.Contact@crm.example").build();
            BROKER.publish(mail);
            assertThat(awaitInteractions(mail, 1).get(0).pair().contactId()).isEqualTo("DT-1");

            BROKER.tombstone(Topics.DIRECTORY_CONTACTS, "DT-1");
            BROKER.tombstone(Topics.DIRECTORY_SALESPEOPLE, "TS");
            await().atMost(PATIENCE).until(() -> api.get("/api/directory/contacts/DT-1").status() == 404
                    && api.get("/api/directory/salespeople/TS").status() == 404);
            assertThat(mongo.findById("DT-1", Document.class, "contacts"))
                    .as("kept as deleted, with nothing but its id, for the other instances to learn of it")
                    .containsEntry("deleted", true).doesNotContainKeys("name", "email");
        }
    }

    @Nested
    class Matching {

        @Test
        void logsExactlyTheExpectedInteractionsForAThousandMailsAndNothingNewWhenAllAreDeliveredAgain() {
            List<AcceptanceMails.Expected> expected = AcceptanceMails.of("acceptance", 1_000);
            Set<String> expectedIds = expected.stream().flatMap(e -> e.interactionIds().stream())
                    .collect(Collectors.toSet());
            List<MailReceived> mails = expected.stream().map(AcceptanceMails.Expected::mail).toList();

            long started = System.nanoTime();
            BROKER.publish(mails);
            awaitAllMailProcessed();
            log.info("1,000 MailReceived matched and published in {} ms", (System.nanoTime() - started) / 1_000_000);

            assertThat(expectedIds).hasSize(750);
            assertThat(storedInteractionIds("acceptance")).isEqualTo(expectedIds);
            assertOneDispositionPerMail(expected);
            List<InteractionLogged> logged = loggedEvents("acceptance");
            assertThat(logged).hasSize(750);
            assertThat(logged).extracting(InteractionLogged::interactionId).containsExactlyInAnyOrderElementsOf(expectedIds);

            BROKER.publish(mails);
            awaitAllMailProcessed();

            assertThat(storedInteractionIds("acceptance")).isEqualTo(expectedIds);
            assertOneDispositionPerMail(expected);
            assertThat(loggedEvents("acceptance")).hasSize(750);
        }

        @Test
        void deadLettersAPoisonMailWithItsCauseAndKeepsItsPartitionFlowing() {
            String poisonKey = MailKeys.of("poison", "<poison@contoso.com>");
            BROKER.sendRaw(Topics.MAIL_RECEIVED, 0, poisonKey, "{\"eventId\": not json".getBytes(StandardCharsets.UTF_8),
                    Map.of("ce_type", MailReceived.TYPE, "content-type", "application/json"));
            MailReceived next = mail().connection("poison").from(ANNA).to(LARS).build();
            BROKER.sendRaw(Topics.MAIL_RECEIVED, 0, next.aggregateId(),
                    ContractJson.mapper().writeValueAsBytes(next),
                    Map.of("ce_type", MailReceived.TYPE, "content-type", "application/json"));

            assertThat(awaitInteractions(next, 1)).hasSize(1);
            ConsumerRecord<String, byte[]> deadLetter = await().atMost(PATIENCE).until(
                    () -> BROKER.readAll(MAIL_DLQ).stream().filter(r -> poisonKey.equals(r.key())).findFirst(),
                    found -> found.isPresent()).orElseThrow();
            assertThat(Broker.header(deadLetter, "x-exception-message")).contains("not a valid MailReceived");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\": not json");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/ledger/poison").json().get("failed")
                    .asInt()).isEqualTo(1));
        }

        @Test
        void takesTheUnmatchedPolicyAndTheExtensionsFromTheConnectionsTopic() {
            BROKER.publish(connection("leave-conn", 1, UnmatchedPolicy.LEAVE,
                    new MatchingOptions(true, List.of("gmail.com"), false, List.of(), List.of(), false)));
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/leave-conn").status() == 200);

            MailReceived unknown = mail().connection("leave-conn").from(STRANGER).to(ANNA).build();
            MailReceived newcomer = mail().connection("leave-conn").from(NEWCOMER_AT_FABRIKAM).to(OLE).build();
            BROKER.publish(List.of(unknown, newcomer));

            assertThat(awaitDisposition(unknown).disposition()).isEqualTo(Disposition.LEAVE);
            assertThat(awaitDisposition(unknown).reason())
                    .isEqualTo("not logged: the sender is neither a salesperson nor a contact (" + STRANGER + ")");
            InteractionDocument byDomain = awaitInteractions(newcomer, 1).get(0);
            assertThat(byDomain.pair().contactId()).isEqualTo("CT100");
            assertThat(byDomain.pair().matchedBy().name()).isEqualTo("DOMAIN");

            BROKER.tombstone(Topics.CONNECTIONS, "leave-conn");
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/leave-conn").json().get("received").asInt() == 2
                    && BROKER.hasConsumedEverything(GROUP, Topics.CONNECTIONS));
            MailReceived afterDeletion = mail().connection("leave-conn").from(STRANGER).to(ANNA).build();
            BROKER.publish(afterDeletion);
            assertThat(awaitDisposition(afterDeletion).disposition()).as("the defaults again").isEqualTo(Disposition.DELETE);
        }

        @Test
        void keepsTheSubjectWholeAndDatesOutboundMailBySentAndInboundByReceivedTime() {
            String subject = "Re: " + "A very long subject about the quote for forty units ".repeat(6).trim();
            MailReceived outbound = mail().connection("times").from(ANNA).to(LARS).subject(subject)
                    .sentAt(Instant.parse("2026-11-27T07:00:00Z")).receivedAt(Instant.parse("2026-11-27T07:00:09Z"))
                    .build();
            MailReceived inbound = mail().connection("times").from(LARS).to(ANNA)
                    .sentAt(Instant.parse("2026-11-27T07:10:00Z")).receivedAt(Instant.parse("2026-11-27T07:10:09Z"))
                    .build();
            BROKER.publish(List.of(outbound, inbound));

            JsonNode out = api.get("/api/interactions/" + awaitInteractions(outbound, 1).get(0).id()).json();
            JsonNode in = api.get("/api/interactions/" + awaitInteractions(inbound, 1).get(0).id()).json();
            assertThat(subject).hasSizeGreaterThan(100);
            assertThat(out.get("description").asString()).isEqualTo(subject);
            assertThat(out.get("interactionAt").asString()).isEqualTo("2026-11-27T07:00:00Z");
            assertThat(out.get("initiatedBy").asString()).isEqualTo("US");
            assertThat(in.get("interactionAt").asString()).isEqualTo("2026-11-27T07:10:09Z");
            assertThat(in.get("initiatedBy").asString()).isEqualTo("THEM");
        }

        @Test
        void republishesOnRedeliveryOnlyWhatWasNeverConfirmed() {
            MailReceived mail = mail().connection("unconfirmed").from(ANNA).to(LARS, MIA).build();
            BROKER.publish(mail);
            List<InteractionDocument> interactions = awaitInteractions(mail, 2);
            awaitDisposition(mail);
            awaitNothingOwed(mail);
            // As if the matcher had crashed before the broker confirmed one InteractionLogged.
            String unconfirmed = interactions.get(0).id();
            InteractionLogged published = loggedEvents("unconfirmed").stream()
                    .filter(e -> e.interactionId().equals(unconfirmed)).findFirst().orElseThrow();
            mongo.updateFirst(new Query(Criteria.where("_id").is(unconfirmed)),
                    Outbox.append(new Update(), outbox.entry(published)), InteractionDocument.class);

            BROKER.publish(mail);
            awaitAllMailProcessed();

            List<InteractionLogged> logged = loggedEvents("unconfirmed");
            assertThat(logged).extracting(InteractionLogged::interactionId)
                    .containsExactlyInAnyOrder(interactions.get(0).id(), interactions.get(1).id(), unconfirmed);
            assertThat(logged.stream().filter(e -> e.interactionId().equals(unconfirmed)).distinct())
                    .as("the repeat is the same event, id and all").hasSize(1);
            assertThat(dispositions("unconfirmed")).hasSize(1);
            assertThat(mongo.findById(unconfirmed, InteractionDocument.class).outbox()).as("owed no more").isEmpty();
        }

        @Test
        void publishesWhatACrashLeftOwedWithoutARedelivery() {
            MailReceived mail = mail().connection("crashed").from(ANNA).to(LARS).build();
            BROKER.publish(mail);
            MailDispositionRequested disposition = awaitDisposition(mail);
            awaitNothingOwed(mail);
            // As if the matcher had crashed, a while ago, between storing the disposition and the broker's confirmation.
            OutboxEntry owed = outbox.entry(disposition);
            OutboxEntry left = new OutboxEntry(owed.eventId(), owed.topic(), owed.key(), owed.type(), owed.payload(),
                    owed.writtenAt().minus(Duration.ofMinutes(1)), false);
            mongo.updateFirst(new Query(Criteria.where("_id").is(mail.aggregateId())), Outbox.append(new Update(), left),
                    MessageDocument.class);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(dispositions("crashed"))
                    .as("published again by the relay, the same event").hasSize(2)
                    .allSatisfy(republished -> assertThat(republished).isEqualTo(disposition)));
            await().atMost(PATIENCE).until(() -> mongo.findById(mail.aggregateId(), MessageDocument.class).outbox()
                    .isEmpty());
        }
    }

    @Nested
    class Links {

        @Test
        void givesArchivedMailsInteractionsTheirFreshLinkAndTellsSubscribers() {
            MailReceived mail = mail().connection("links").from(ANNA).to(LARS, MIA).build();
            BROKER.publish(mail);
            List<InteractionDocument> interactions = awaitInteractions(mail, 2);
            String archivedLink = "https://outlook.office365.com/owa/?ItemID=archived-" + mail.immutableId();

            MailArchived archived = new MailArchived(UUID.randomUUID(), Instant.now(), 1, "links",
                    mail.internetMessageId(), mail.immutableId(), "AAMk-moved", "archive", archivedLink,
                    firstDisposition(mail));
            BROKER.publish(archived);
            BROKER.publish(archived);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/interactions/"
                    + interactions.get(0).id()).text("/webLink")).isEqualTo(archivedLink));
            awaitOutcomesProcessed();
            List<InteractionMessageLinkChanged> changes = linkChanges(interactions);
            assertThat(changes).as("one change per interaction, however often the outcome arrives").hasSize(2)
                    .allSatisfy(change -> assertThat(change.webLink()).isEqualTo(archivedLink));
            assertThat(mongo.findById(mail.aggregateId(), MessageDocument.class).filing().state().name()).isEqualTo("ARCHIVED");
        }

        @Test
        void redirectsToAFreshLinkFromTheIngestorAndFallsBackToTheStoredOne() {
            MailReceived reachable = mail().connection("links").from(ANNA).to(LARS).build();
            MailReceived unreachable = mail().connection("links").from(ANNA).to(MIA).build();
            MailReceived withUnreachableId = new MailReceived(unreachable.eventId(), unreachable.occurredAt(), 1,
                    unreachable.connectionId(), unreachable.internetMessageId(), unreachable.messageId(),
                    "unreachable-" + unreachable.immutableId(), unreachable.conversationId(), unreachable.sender(),
                    unreachable.from(), unreachable.toRecipients(), unreachable.ccRecipients(), unreachable.subject(),
                    unreachable.sentDateTime(), unreachable.receivedDateTime(), false, null, false,
                    unreachable.webLink(), null, null);
            BROKER.publish(List.of(reachable, withUnreachableId));

            Api.Response fresh = api.get("/api/interactions/" + awaitInteractions(reachable, 1).get(0).id() + "/message");
            Api.Response stored = api.get("/api/interactions/" + awaitInteractions(withUnreachableId, 1).get(0).id()
                    + "/message");

            assertThat(fresh.status()).isEqualTo(302);
            assertThat(fresh.header("Location")).isEqualTo(IngestorStub.freshLinkFor(reachable.immutableId()));
            assertThat(stored.status()).isEqualTo(302);
            assertThat(stored.header("Location")).isEqualTo(unreachable.webLink());
        }

        @Test
        void keepsBusinessCentralsNoteAndNoLinkWhenArchivingFailed() {
            MailReceived mail = mail().connection("links").from(LARS).to(ANNA).build();
            BROKER.publish(mail);
            InteractionDocument interaction = awaitInteractions(mail, 1).get(0);

            BROKER.publish(new MailDispositionFailed(UUID.randomUUID(), Instant.now(), 1, "links",
                    mail.internetMessageId(), mail.immutableId(), Disposition.ARCHIVE, Disposition.DELETE,
                    "ErrorMoveCopyFailed", firstDisposition(mail)));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/interactions/" + interaction.id())
                    .text("/linkNote")).isEqualTo(LinkNotes.NO_LINK));
            awaitOutcomesProcessed();
            assertThat(linkChanges(List.of(interaction))).singleElement().satisfies(change -> {
                assertThat(change.webLink()).isNull();
                assertThat(change.linkNote()).isEqualTo("There is no link to the email because the email could not be moved.");
            });
            Api.Response message = api.get("/api/interactions/" + interaction.id() + "/message");
            assertThat(message.status()).isEqualTo(404);
            assertThat(message.json().get("detail").asString()).isEqualTo(LinkNotes.NO_LINK);
        }

        @Test
        void recordsWhereUnloggedMailWentAndDeadLettersAnOutcomeForMailNeverMatched() {
            MailReceived mail = mail().connection("links-unlogged").from(STRANGER).to(ANNA).build();
            BROKER.publish(mail);
            awaitDisposition(mail);
            BROKER.publish(new MailDeleted(UUID.randomUUID(), Instant.now(), 1, "links-unlogged",
                    mail.internetMessageId(), mail.immutableId(), "not logged", firstDisposition(mail)));
            MailDeleted stray = new MailDeleted(UUID.randomUUID(), Instant.now(), 1, "links-unlogged", "<never-seen@x>",
                    "AAk-never", "not logged", null);
            BROKER.publish(stray);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/ledger/links-unlogged").json()
                    .at("/mailbox/DELETED").asInt()).isEqualTo(1));
            ConsumerRecord<String, byte[]> deadLetter = await().atMost(PATIENCE).until(() -> BROKER
                    .readAll(Topics.deadLetter(Topics.MAIL_ARCHIVED, GROUP)).stream()
                    .filter(r -> stray.aggregateId().equals(r.key())).findFirst(), found -> found.isPresent()).orElseThrow();
            assertThat(Broker.header(deadLetter, "x-exception-message")).contains("no mail " + stray.aggregateId());
        }
    }

    @Nested
    class Opportunities {

        @Test
        void linksTheInteractionToItsOpportunityOnceAndIgnoresTheTopicsOtherTypes() {
            MailReceived mail = mail().connection("opportunities").from(LARS).to(ANNA).build();
            BROKER.publish(mail);
            InteractionDocument interaction = awaitInteractions(mail, 1).get(0);
            OpportunityCreated created = new OpportunityCreated(UUID.randomUUID(), Instant.now(), 1, "opp-1", "OP-1001",
                    interaction.id(), UUID.randomUUID(), interaction.pair().contactId(), interaction.pair().companyId(),
                    "AB", interaction.mail().subject(), OpportunityStatus.NOT_STARTED, null, null, null, null);

            BROKER.publish(List.of(created, created,
                    new PromotionRejected(UUID.randomUUID(), Instant.now(), 1, "no-such-interaction", UUID.randomUUID(),
                            RejectionReason.INTERACTION_NOT_FOUND, "not in the log"),
                    new OpportunityStatusChanged(UUID.randomUUID(), Instant.now(), 1, "opp-1",
                            OpportunityStatus.NOT_STARTED, OpportunityStatus.IN_PROGRESS, null)));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/interactions/" + interaction.id())
                    .text("/opportunityNumber")).isEqualTo("OP-1001"));
            await().atMost(PATIENCE).until(() -> BROKER.hasConsumedEverything(GROUP, Topics.OPPORTUNITY_EVENTS));
            List<InteractionLinkedToOpportunity> links = Broker.decode(BROKER.readAll(Topics.INTERACTION_EVENTS),
                    InteractionLinkedToOpportunity.class).stream()
                    .filter(link -> link.interactionId().equals(interaction.id())).toList();
            assertThat(links).singleElement().satisfies(link -> {
                assertThat(link.opportunityId()).isEqualTo("opp-1");
                assertThat(link.contactId()).isEqualTo("CT101");
            });
            assertThat(BROKER.readAll(Topics.deadLetter(Topics.OPPORTUNITY_EVENTS, GROUP))).isEmpty();
        }
    }

    /** What a real shared mailbox brings: copies of one mail, mail held until the directory knows it, replies. */
    @Nested
    class RealMailboxes {

        @Test
        void countsAFurtherCopyOfAMailAndDisposesOfItOnItsOwnWithoutASecondInteraction() {
            BROKER.publish(List.of(connection("copies", 1, UnmatchedPolicy.DELETE, MatchingOptions.NONE,
                    HoldPolicy.OFF, CopyPolicy.LIKE_FIRST), connection("copies-deleted", 1, UnmatchedPolicy.DELETE,
                    MatchingOptions.NONE, HoldPolicy.OFF, CopyPolicy.DELETE)));
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/copies-deleted").status() == 200);
            Mails first = mail().connection("copies").from(LARS).to(ANNA);
            MailReceived original = first.build();
            MailReceived copy = first.copy("2").build();
            MailReceived deletedCopy = mail().connection("copies-deleted").id("<dup-" + UUID.randomUUID()
                    + "@fabrikam.com>").from(LARS).to(ANNA).copy("2").build();
            MailReceived deletedOriginal = mail().connection("copies-deleted").id(deletedCopy.internetMessageId())
                    .from(LARS).to(ANNA).build();

            BROKER.publish(List.of(original, copy, copy, deletedOriginal, deletedCopy));

            awaitAllMailProcessed();
            assertThat(awaitInteractions(original, 1)).hasSize(1);
            assertThat(dispositions("copies")).extracting(MailDispositionRequested::immutableId,
                    MailDispositionRequested::disposition).containsExactlyInAnyOrder(
                            Tuple.tuple(original.immutableId(), Disposition.ARCHIVE),
                            Tuple.tuple(copy.immutableId(), Disposition.ARCHIVE));
            assertThat(dispositions("copies-deleted")).extracting(MailDispositionRequested::immutableId,
                    MailDispositionRequested::disposition).containsExactlyInAnyOrder(
                            Tuple.tuple(deletedOriginal.immutableId(), Disposition.ARCHIVE),
                            Tuple.tuple(deletedCopy.immutableId(), Disposition.DELETE));
            JsonNode ledger = api.get("/api/ledger/copies").json();
            assertThat(ledger.get("received").asInt()).isEqualTo(2);
            assertThat(ledger.get("logged").asInt()).isEqualTo(2);
            assertThat(ledger.get("copies").asInt()).isEqualTo(1);
            assertThat(ledger.get("interactions").asInt()).isEqualTo(1);

            MailDispositionRequested copyDisposition = dispositions("copies").stream()
                    .filter(d -> d.immutableId().equals(copy.immutableId())).findFirst().orElseThrow();
            BROKER.publish(List.of(new MailArchived(UUID.randomUUID(), Instant.now(), 1, "copies",
                    original.internetMessageId(), original.immutableId(), "AAMk-1", "archive", "https://first",
                    firstDisposition(original)), new MailArchived(UUID.randomUUID(), Instant.now(), 1, "copies",
                    copy.internetMessageId(), copy.immutableId(), "AAMk-2", "archive", "https://copy",
                    copyDisposition.eventId())));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/ledger/copies").json()
                    .at("/mailbox/ARCHIVED").asInt()).isEqualTo(2));
            awaitOutcomesProcessed();
            assertThat(api.get("/api/interactions/" + awaitInteractions(original, 1).get(0).id()).text("/webLink"))
                    .as("the copy's archive does not change the interaction's link").isEqualTo("https://first");
        }

        @Test
        void holdsAnUnknownSendersMailAndLogsItLateWithItsOriginalTimeOnceTheSenderIsImported() {
            BROKER.publish(connection("held", 1, UnmatchedPolicy.DELETE, MatchingOptions.NONE, HoldPolicy.DEFAULT,
                    CopyPolicy.LIKE_FIRST));
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/held").status() == 200);
            String newCustomer = "buyer-" + UUID.randomUUID() + "@northwind-traders.example";
            MailReceived mail = mail().connection("held").from(newCustomer).to(ANNA).subject("First order")
                    .receivedAt(Instant.parse("2026-11-20T08:30:00Z")).build();
            BROKER.publish(mail);

            MailDispositionRequested hold = awaitDisposition(mail);
            assertThat(hold.disposition()).isEqualTo(Disposition.HOLD);
            assertThat(hold.folder()).isEqualTo("Not logged");
            BROKER.publish(new MailHeld(UUID.randomUUID(), Instant.now(), 1, "held", mail.internetMessageId(),
                    mail.immutableId(), "AAMk-held", "Not logged", "https://held", hold.eventId()));
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode ledger = api.get("/api/ledger/held").json();
                assertThat(ledger.get("held").asInt()).isEqualTo(1);
                assertThat(ledger.at("/heldByRule/UNKNOWN_SENDER").asInt()).isEqualTo(1);
                assertThat(ledger.at("/mailbox/HELD").asInt()).isEqualTo(1);
                assertThat(ledger.get("received").asInt()).isEqualTo(1);
            });

            assertThat(api.putJson("/api/directory/contacts", List.of(new ContactRow("CT-NW-1", "New Buyer", "PERSON",
                    null, "Northwind Traders", newCustomer, List.of(), false))).status()).isEqualTo(200);

            InteractionDocument late = awaitInteractions(mail, 1).get(0);
            assertThat(late.mail().interactionAt()).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
            assertThat(late.loggedLate()).isTrue();
            MailDispositionRequested archive = await().atMost(PATIENCE).until(() -> dispositions("held").stream()
                    .filter(d -> d.disposition() == Disposition.ARCHIVE).findFirst(), found -> found.isPresent())
                    .orElseThrow();
            assertThat(archive.currentFolder()).isEqualTo("Not logged");
            assertThat(archive.immutableId()).isEqualTo(mail.immutableId());
            await().atMost(PATIENCE).until(() -> Broker.decode(BROKER.readAll(Topics.INTERACTION_EVENTS),
                    InteractionLoggedLate.class).stream().anyMatch(e -> e.interactionId().equals(late.id())));
            JsonNode ledger = api.get("/api/ledger/held").json();
            assertThat(ledger.get("held").asInt()).isZero();
            assertThat(ledger.get("logged").asInt()).isEqualTo(1);
            assertThat(ledger.get("loggedLate").asInt()).isEqualTo(1);
            assertThat(ledger.get("received").asInt()).isEqualTo(1);
            assertThat(api.get("/api/interactions/" + late.id()).json().get("loggedLate").asBoolean()).isTrue();

            BROKER.publish(mail);
            awaitAllMailProcessed();
            assertThat(dispositions("held")).as("a repeat asks for nothing new").hasSize(2);
            assertThat(loggedEvents("held")).hasSize(1);
        }

        @Test
        void endsTheHoldWhenTheRetentionEndsAsTheConnectionSays() {
            HoldPolicy briefly = new HoldPolicy(true, "Unmatched", Duration.ofSeconds(2));
            BROKER.publish(List.of(connection("expiring", 1, UnmatchedPolicy.DELETE, MatchingOptions.NONE, briefly,
                    CopyPolicy.LIKE_FIRST), connection("expiring-left", 1, UnmatchedPolicy.LEAVE,
                    MatchingOptions.NONE, briefly, CopyPolicy.LIKE_FIRST)));
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/expiring-left").status() == 200);
            MailReceived deleted = mail().connection("expiring").from(STRANGER).to(ANNA).build();
            MailReceived left = mail().connection("expiring-left").from(STRANGER).to(ANNA).build();
            BROKER.publish(List.of(deleted, left));

            MailDispositionRequested delete = await().atMost(PATIENCE).until(() -> dispositions("expiring").stream()
                    .filter(d -> d.disposition() == Disposition.DELETE).findFirst(), found -> found.isPresent())
                    .orElseThrow();
            assertThat(delete.currentFolder()).isEqualTo("Unmatched");
            assertThat(delete.reason()).contains("held until").endsWith("then deleted");
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode ledger = api.get("/api/ledger/expiring-left").json();
                assertThat(ledger.get("held").asInt()).isZero();
                assertThat(ledger.at("/excludedByRule/UNKNOWN_SENDER").asInt()).isEqualTo(1);
                assertThat(ledger.at("/mailbox/LEFT").asInt()).isEqualTo(1);
            });
            assertThat(dispositions("expiring-left")).extracting(MailDispositionRequested::disposition,
                    MailDispositionRequested::currentFolder).containsExactly(Tuple.tuple(Disposition.HOLD, null),
                            Tuple.tuple(Disposition.LEAVE, "Unmatched"));
        }

        @Test
        void reRunsMatchingOverTheHeldMailOfAPeriodOnAnAdministratorsRequest() {
            BROKER.publish(connection("rematch", 1, UnmatchedPolicy.DELETE, MatchingOptions.NONE, HoldPolicy.DEFAULT,
                    CopyPolicy.LIKE_FIRST));
            await().atMost(PATIENCE).until(() -> api.get("/api/ledger/rematch").status() == 200);
            MailReceived newcomer = mail().connection("rematch").from(NEWCOMER_AT_FABRIKAM).to(ANNA)
                    .receivedAt(Instant.parse("2026-11-21T09:00:00Z")).build();
            BROKER.publish(newcomer);
            assertThat(awaitDisposition(newcomer).disposition()).isEqualTo(Disposition.HOLD);

            // The domain fallback switched on: no directory change tells the held mail, an administrator's re-run does.
            BROKER.publish(connection("rematch", 2, UnmatchedPolicy.DELETE,
                    new MatchingOptions(true, List.of("gmail.com"), false, List.of(), List.of(), false),
                    HoldPolicy.DEFAULT, CopyPolicy.LIKE_FIRST));
            await().atMost(PATIENCE).until(() -> BROKER.hasConsumedEverything(GROUP, Topics.CONNECTIONS));

            Api.Response refused = api.postJson("/api/ledger/rematch/rematches", Map.of("from",
                    "2026-11-22T00:00:00Z", "to", "2026-11-01T00:00:00Z"));
            assertThat(refused.status()).isEqualTo(400);
            Api.Response started = api.postJson("/api/ledger/rematch/rematches", Map.of("from",
                    "2026-11-01T00:00:00Z", "to", "2026-11-22T00:00:00Z"));
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.json().get("total").asInt()).isEqualTo(1);
            String location = started.header("Location");
            JsonNode done = await().atMost(PATIENCE).until(() -> api.get(location).json(),
                    run -> "DONE".equals(run.get("status").asString()));
            assertThat(done.get("processed").asInt()).isEqualTo(1);
            assertThat(done.get("loggedLate").asInt()).isEqualTo(1);
            assertThat(awaitInteractions(newcomer, 1).get(0).pair().contactId()).isEqualTo("CT100");
            assertThat(api.get("/api/ledger/rematch/rematches").json().at("/items/0/id").asString())
                    .isEqualTo(done.get("id").asString());
            assertThat(api.as(Tokens.person("maria", "sales-manager")).postJson("/api/ledger/rematch/rematches",
                    Map.of("from", "2026-11-01T00:00:00Z", "to", "2026-11-22T00:00:00Z")).status()).isEqualTo(403);
        }

        @Test
        void linksLaterMailOfAPromotedConversationToItsOpportunityUntilItIsWonAndLetsAManagerUndoALink() {
            MailReceived quote = mail().connection("threads").conversation("AAQk-thread-1").from(LARS).to(ANNA)
                    .build();
            BROKER.publish(quote);
            InteractionDocument promoted = awaitInteractions(quote, 1).get(0);
            BROKER.publish(new OpportunityCreated(UUID.randomUUID(), Instant.now(), 1, "opp-thread", "OP-2001",
                    promoted.id(), UUID.randomUUID(), "CT101", "CT100", "AB", quote.subject(),
                    OpportunityStatus.NOT_STARTED, null, null, null, null));
            await().atMost(PATIENCE).until(() -> "opp-thread".equals(api.get("/api/interactions/" + promoted.id())
                    .text("/opportunityId")));

            MailReceived reply = mail().connection("threads").conversation("AAQk-thread-1").from(ANNA).to(LARS)
                    .build();
            MailReceived headersOnly = mail().connection("threads").conversation(null).from(LARS).to(ANNA)
                    .inReplyTo(reply.internetMessageId(), quote.internetMessageId(), reply.internetMessageId())
                    .build();
            MailReceived otherContact = mail().connection("threads").conversation("AAQk-thread-1").from(MIA).to(ANNA)
                    .build();
            BROKER.publish(reply);
            String replyId = awaitInteractions(reply, 1).get(0).id();
            await().atMost(PATIENCE).until(() -> "opp-thread".equals(api.get("/api/interactions/" + replyId)
                    .text("/opportunityId")));
            BROKER.publish(List.of(headersOnly, otherContact));
            String headersOnlyId = awaitInteractions(headersOnly, 1).get(0).id();
            await().atMost(PATIENCE).until(() -> "opp-thread".equals(api.get("/api/interactions/" + headersOnlyId)
                    .text("/opportunityId")));
            JsonNode linkedReply = api.get("/api/interactions/" + replyId).json();
            assertThat(linkedReply.get("opportunityLinkedBy").asString()).isEqualTo("CONVERSATION");
            assertThat(linkedReply.get("opportunityNumber").asString()).isEqualTo("OP-2001");
            awaitAllMailProcessed();
            assertThat(api.get("/api/interactions/" + awaitInteractions(otherContact, 1).get(0).id()).json()
                    .has("opportunityId")).as("another contact's mail of the conversation").isFalse();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(Broker.decode(BROKER.readAll(
                    Topics.INTERACTION_EVENTS), InteractionLinkedToOpportunity.class).stream()
                    .filter(link -> link.interactionId().equals(replyId)).toList()).singleElement()
                    .extracting(InteractionLinkedToOpportunity::linkedBy)
                    .isEqualTo(OpportunityLinkSource.CONVERSATION));

            Api manager = api.as(Tokens.person("maria", "sales-manager"));
            assertThat(api.as(Tokens.personAt(ANNA, "salesperson")).delete("/api/interactions/" + replyId
                    + "/opportunity").status()).isEqualTo(403);
            assertThat(manager.delete("/api/interactions/" + promoted.id() + "/opportunity").status())
                    .as("a promotion is not undone").isEqualTo(409);
            Api.Response unlinked = manager.delete("/api/interactions/" + replyId + "/opportunity");
            assertThat(unlinked.status()).isEqualTo(200);
            assertThat(unlinked.json().has("opportunityId")).isFalse();
            assertThat(manager.delete("/api/interactions/" + replyId + "/opportunity").status()).isEqualTo(409);
            await().atMost(PATIENCE).until(() -> Broker.decode(BROKER.readAll(Topics.INTERACTION_EVENTS),
                    InteractionUnlinkedFromOpportunity.class).stream().anyMatch(e -> e.interactionId().equals(replyId)
                            && e.opportunityId().equals("opp-thread")));
            BROKER.publish(reply);

            BROKER.publish(new OpportunityStatusChanged(UUID.randomUUID(), Instant.now(), 1, "opp-thread",
                    OpportunityStatus.NOT_STARTED, OpportunityStatus.WON, null));
            await().atMost(PATIENCE).until(() -> BROKER.hasConsumedEverything(GROUP, Topics.OPPORTUNITY_EVENTS));
            MailReceived afterWon = mail().connection("threads").conversation("AAQk-thread-1").from(LARS).to(ANNA)
                    .build();
            BROKER.publish(afterWon);
            awaitAllMailProcessed();
            assertThat(api.get("/api/interactions/" + awaitInteractions(afterWon, 1).get(0).id()).json()
                    .has("opportunityId")).as("a won opportunity takes no more mail").isFalse();
            assertThat(api.get("/api/interactions/" + replyId).json().has("opportunityId"))
                    .as("an undone link stays undone when the mail comes again").isFalse();
        }
    }

    @Nested
    class QueryApi {

        @BeforeEach
        void seedQueryDirectory() {
            api.putJson("/api/directory/contacts", rows(List.of(
                    DemoDirectory.company("QC1", "Query Company", "info@query.example"),
                    DemoDirectory.person("QC2", "Query Person", "QC1", "Query Company", "person@query.example",
                            List.of(), false),
                    DemoDirectory.person("QC3", "Other Person", null, null, "other@query.example", List.of(), false))));
            api.putJson("/api/directory/salespeople", List.of(
                    new SalespersonRow("QS1", "Query Seller", List.of("qs1@contoso.com")),
                    new SalespersonRow("QS2", "Second Seller", List.of("qs2@contoso.com"))));
        }

        @Test
        void filtersByContactCompanySalespersonDirectionAndTimeAndPagesNewestFirst() {
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            List<MailReceived> mails = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                mails.add(mail().connection("query").from("qs1@contoso.com").to("person@query.example")
                        .sentAt(t0.plusSeconds(3600L * i)).conversation("conv-out").build());
            }
            mails.add(mail().connection("query").from("person@query.example").to("qs2@contoso.com")
                    .receivedAt(t0.plusSeconds(3600L * 10)).conversation("conv-in").build());
            mails.add(mail().connection("query").from("qs2@contoso.com").to("other@query.example")
                    .sentAt(t0.plusSeconds(3600L * 20)).build());
            BROKER.publish(mails);
            mails.forEach(mail -> awaitInteractions(mail, 1));

            assertThat(times("/api/interactions?contactId=QC2")).hasSize(6);
            assertThat(times("/api/interactions?companyId=QC1&direction=INBOUND"))
                    .containsExactly("2026-03-01T20:00:00Z");
            assertThat(times("/api/interactions?salespersonCode=QS2")).containsExactly("2026-03-02T06:00:00Z",
                    "2026-03-01T20:00:00Z");
            assertThat(times("/api/interactions?contactId=QC2&from=2026-03-01T11:00:00Z&to=2026-03-01T13:00:00Z"))
                    .containsExactly("2026-03-01T12:00:00Z", "2026-03-01T11:00:00Z");

            JsonNode first = api.get("/api/interactions?contactId=QC2&limit=4").json();
            JsonNode second = api.get("/api/interactions?contactId=QC2&limit=4&cursor=" + first.get("nextCursor")
                    .asString()).json();
            assertThat(first.get("items").values()).extracting(i -> i.get("interactionAt").asString()).containsExactly(
                    "2026-03-01T20:00:00Z", "2026-03-01T14:00:00Z", "2026-03-01T13:00:00Z", "2026-03-01T12:00:00Z");
            assertThat(second.get("items").values()).extracting(i -> i.get("interactionAt").asString())
                    .containsExactly("2026-03-01T11:00:00Z", "2026-03-01T10:00:00Z");
            assertThat(second.has("nextCursor")).as("no page after the last").isFalse();

            JsonNode timeline = api.get("/api/contacts/QC1/timeline").json();
            assertThat(timeline.get("items").values()).extracting(c -> c.get("conversationId").asString() + ":"
                    + c.get("interactionCount").asInt()).containsExactly("conv-in:1", "conv-out:5");
            assertThat(timeline.at("/items/1/interactions/0/interactionAt").asString()).isEqualTo("2026-03-01T14:00:00Z");
            assertThat(timeline.at("/items/1/lastAt").asString()).isEqualTo("2026-03-01T14:00:00Z");
            JsonNode page = api.get("/api/contacts/QC2/timeline?limit=1").json();
            assertThat(api.get("/api/contacts/QC2/timeline?limit=1&cursor=" + page.get("nextCursor").asString()).json()
                    .at("/items/0/conversationId").asString()).isEqualTo("conv-out");
        }

        @Test
        void answersBadQueriesWithProblemDetailsNamingTheField() {
            assertProblem(api.get("/api/interactions?direction=SIDEWAYS"), 400, "direction");
            assertProblem(api.get("/api/interactions?limit=0"), 400, "limit");
            assertProblem(api.get("/api/interactions?from=yesterday"), 400, "from");
            assertProblem(api.get("/api/interactions?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), 400, "to");
            assertProblem(api.get("/api/interactions?cursor=not-a-cursor"), 400, "cursor");
            Api.Response missing = api.get("/api/interactions/no-such-id");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        }

        private List<String> times(String path) {
            Api.Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            return response.json().get("items").values().stream().map(i -> i.get("interactionAt").asString()).toList();
        }

        private void assertProblem(Api.Response response, int status, String field) {
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("errors").values()).extracting(e -> e.get("field").asString()).contains(field);
        }
    }

    @Nested
    class Ledger {

        @Test
        void accountsForEveryMailOfAConnection() {
            List<MailReceived> mails = List.of(
                    mail().connection("ledger").from(ANNA).to(LARS, MIA).build(),
                    mail().connection("ledger").from(LARS).to(ANNA).build(),
                    mail().connection("ledger").from(ANNA).to(LARS).draft().build(),
                    mail().connection("ledger").from(STRANGER).to(ANNA).build(),
                    mail().connection("ledger").from(STRANGER).to(OLE).build(),
                    mail().connection("ledger").from(ANNA).to(OLE).build());
            BROKER.publish(mails);
            BROKER.sendRaw(Topics.MAIL_RECEIVED, null, MailKeys.of("ledger", "<broken@contoso.com>"),
                    "[]".getBytes(StandardCharsets.UTF_8), Map.of("ce_type", MailReceived.TYPE));
            mails.forEach(InteractionMatcherApplicationIT.this::awaitDisposition);
            BROKER.publish(new MailArchived(UUID.randomUUID(), Instant.now(), 1, "ledger",
                    mails.get(0).internetMessageId(), mails.get(0).immutableId(), "AAMk-x", "archive", "https://x",
                    firstDisposition(mails.get(0))));

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode ledger = api.get("/api/ledger/ledger").json();
                assertThat(ledger.get("received").asInt()).isEqualTo(7);
                assertThat(ledger.get("logged").asInt()).isEqualTo(2);
                assertThat(ledger.get("excluded").asInt()).isEqualTo(4);
                assertThat(ledger.at("/excludedByRule/DRAFT").asInt()).isEqualTo(1);
                assertThat(ledger.at("/excludedByRule/UNKNOWN_SENDER").asInt()).isEqualTo(2);
                assertThat(ledger.at("/excludedByRule/INTERNAL_ONLY").asInt()).isEqualTo(1);
                assertThat(ledger.at("/excludedByRule/BLOCKED").asInt()).isZero();
                assertThat(ledger.get("failed").asInt()).isEqualTo(1);
                assertThat(ledger.get("interactions").asInt()).isEqualTo(3);
                assertThat(ledger.at("/mailbox/ARCHIVED").asInt()).isEqualTo(1);
                assertThat(ledger.at("/mailbox/REQUESTED").asInt()).isEqualTo(5);
            });
            assertThat(api.get("/api/ledger").json().values()).extracting(l -> l.get("connectionId").asString())
                    .contains("ledger");
            Api.Response unknown = api.get("/api/ledger/never-heard-of");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        }

        @Test
        void listsEachFailedMailWithItsCauseTheLatestFirstInPagesLeavingOutMailMatchedSince() {
            MailReceived unarchived = mail().connection("failures").from(ANNA).to(LARS).build();
            MailReceived matchedLater = mail().connection("failures").from(LARS).to(ANNA).build();
            List<String> broken = List.of(MailKeys.of("failures", "<broken-1@contoso.com>"),
                    MailKeys.of("failures", "<broken-2@contoso.com>"), matchedLater.aggregateId());
            broken.forEach(key -> BROKER.sendRaw(Topics.MAIL_RECEIVED, null, key, "[]".getBytes(StandardCharsets.UTF_8),
                    Map.of("ce_type", MailReceived.TYPE)));
            await().atMost(PATIENCE).until(() -> mongo.count(new Query(Criteria.where("_id").in(broken)), "failedMails")
                    == broken.size());
            BROKER.publish(List.of(unarchived, matchedLater));
            awaitDisposition(unarchived);
            awaitDisposition(matchedLater);
            BROKER.publish(new MailDispositionFailed(UUID.randomUUID(), Instant.now(), 1, "failures",
                    unarchived.internetMessageId(), unarchived.immutableId(), Disposition.ARCHIVE, null,
                    "ErrorMoveCopyFailed", firstDisposition(unarchived)));
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode ledger = api.get("/api/ledger/failures").json();
                assertThat(ledger.get("failed").asInt()).isEqualTo(2);
                assertThat(ledger.at("/mailbox/FAILED").asInt()).isEqualTo(1);
            });

            Api.Response first = api.get("/api/ledger/failures/failures?limit=2");
            Api.Response second = api.get("/api/ledger/failures/failures?limit=2&cursor=" + first.text("/nextCursor"));

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().get("items").size()).isEqualTo(2);
            assertThat(second.json().get("items").size()).isEqualTo(1);
            assertThat(second.text("/nextCursor")).isNull();
            List<JsonNode> failures = new ArrayList<>(first.json().get("items").values());
            failures.addAll(second.json().get("items").values());
            assertThat(failures).extracting(f -> f.get("failedAt").asString()).isSortedAccordingTo(
                    (a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
            assertThat(failures).extracting(f -> f.get("internetMessageId").asString()).containsExactlyInAnyOrder(
                    "<broken-1@contoso.com>", "<broken-2@contoso.com>", unarchived.internetMessageId());
            JsonNode mailbox = failures.stream().filter(f -> f.get("stage").asString().equals("MAILBOX")).findFirst()
                    .orElseThrow();
            assertThat(mailbox.get("id").asString()).isEqualTo(unarchived.aggregateId());
            assertThat(mailbox.get("requested").asString()).isEqualTo("ARCHIVE");
            assertThat(mailbox.get("cause").asString()).isEqualTo("ErrorMoveCopyFailed");
            assertThat(failures.stream().filter(f -> f.get("stage").asString().equals("PROCESSING"))).allSatisfy(f -> {
                assertThat(f.get("cause").asString()).contains("MailReceived");
                assertThat(f.get("exceptionType").asString()).isNotBlank();
            });
            assertThat(first.raw().body() + second.raw().body()).doesNotContain(unarchived.subject());
            assertThat(api.get("/api/ledger/never-heard-of/failures").status()).isEqualTo(404);
            assertThat(api.get("/api/ledger/failures/failures?limit=201").status()).isEqualTo(400);
            assertThat(api.get("/api/ledger/failures/failures?cursor=nonsense").status()).isEqualTo(400);
        }
    }

    @Nested
    class WhoSeesWhat {

        private static final String CONNECTION = "visibility";

        @BeforeEach
        void seedVisibilityDirectory() {
            api.putJson("/api/directory/contacts", rows(List.of(
                    DemoDirectory.company("VC1", "Visible Company", "info@visible.example"),
                    DemoDirectory.person("VC2", "Vera Buyer", "VC1", "Visible Company", "vera@visible.example",
                            List.of(), false),
                    DemoDirectory.person("VC3", "Walt Buyer", "VC1", "Visible Company", "walt@visible.example",
                            List.of(), false))));
            api.putJson("/api/directory/salespeople", List.of(
                    new SalespersonRow("VS1", "Valerie Seller", List.of("valerie@contoso.com")),
                    new SalespersonRow("VS2", "Victor Seller", List.of("victor@contoso.com"))));
        }

        @Test
        void aSalespersonSeesItsOwnInteractionsOnlyInEveryListTimelineLinkAndContactCard() {
            MailReceived valeriesToVera = mail().connection(CONNECTION).from("valerie@contoso.com")
                    .to("vera@visible.example").conversation("conv-valerie").build();
            MailReceived victorsToVera = mail().connection(CONNECTION).from("victor@contoso.com")
                    .to("vera@visible.example").conversation("conv-victor").build();
            MailReceived victorsToWalt = mail().connection(CONNECTION).from("victor@contoso.com")
                    .to("walt@visible.example").conversation("conv-walt").build();
            BROKER.publish(List.of(valeriesToVera, victorsToVera, victorsToWalt));
            String valeries = awaitInteractions(valeriesToVera, 1).get(0).id();
            String victors = awaitInteractions(victorsToVera, 1).get(0).id();
            String victorsOther = awaitInteractions(victorsToWalt, 1).get(0).id();
            // Valerie signs in with the address the directory knows her by, in another case.
            Api valerie = api.as(Tokens.personAt("Valerie@Contoso.com", "salesperson"));

            assertThat(ids(valerie, "/api/interactions?connectionId=" + CONNECTION)).containsExactly(valeries);
            assertThat(ids(valerie, "/api/interactions?connectionId=" + CONNECTION + "&salespersonCode=VS2")).isEmpty();
            assertThat(ids(valerie, "/api/interactions?companyId=VC1")).containsExactly(valeries);
            assertThat(valerie.get("/api/interactions/" + valeries).status()).isEqualTo(200);
            for (String other : List.of(victors, victorsOther)) {
                for (String path : List.of("/api/interactions/" + other, "/api/interactions/" + other + "/message")) {
                    Api.Response hidden = valerie.get(path);
                    assertThat(hidden.status()).as(path).isEqualTo(404);
                    assertThat(hidden.text("/type")).as(path).isEqualTo("urn:mailtrail:problem:interaction-not-found");
                    assertThat(hidden.raw().body()).as(path).doesNotContain("victor").doesNotContain("Walt");
                }
            }
            assertThat(conversations(valerie, "/api/contacts/VC1/timeline")).containsExactly("conv-valerie");
            assertThat(conversations(valerie, "/api/contacts/VC2/timeline")).containsExactly("conv-valerie");
            assertThat(conversations(valerie, "/api/contacts/VC3/timeline")).isEmpty();
            assertThat(valerie.get("/api/directory/contacts/VC2").status()).isEqualTo(200);
            assertThat(valerie.get("/api/directory/contacts/VC3").status()).as("a contact only Victor writes to")
                    .isEqualTo(404);
            assertThat(valerie.get("/api/me").json().get("salespersonCodes").values())
                    .extracting(JsonNode::asString).containsExactly("VS1");

            Api manager = api.as(Tokens.person("maria", "sales-manager"));
            assertThat(ids(manager, "/api/interactions?connectionId=" + CONNECTION))
                    .containsExactlyInAnyOrder(valeries, victors, victorsOther);
            assertThat(conversations(manager, "/api/contacts/VC1/timeline"))
                    .containsExactlyInAnyOrder("conv-valerie", "conv-victor", "conv-walt");
            assertThat(manager.get("/api/directory/contacts/VC3").status()).isEqualTo(200);

            Api stranger = api.as(Tokens.personAt("nobody@contoso.com", "salesperson"));
            assertThat(ids(stranger, "/api/interactions?connectionId=" + CONNECTION)).as("a salesperson the "
                    + "directory does not know").isEmpty();
            assertThat(stranger.get("/api/interactions/" + valeries).status()).isEqualTo(404);
            assertThat(stranger.get("/api/me").json().get("salespersonCodes").isEmpty()).isTrue();
        }

        private List<String> ids(Api caller, String path) {
            Api.Response response = caller.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            return response.json().get("items").values().stream().map(i -> i.get("id").asString()).toList();
        }

        private List<String> conversations(Api caller, String path) {
            Api.Response response = caller.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            return response.json().get("items").values().stream().map(c -> c.get("conversationId").asString())
                    .toList();
        }
    }

    /** Opening an IMAP mail: its content through the ingestor, for whoever may see its interaction. */
    @Nested
    class OpenEmail {

        private static final String CONNECTION = "open-email";

        @BeforeEach
        void seedOpenEmailDirectory() {
            api.putJson("/api/directory/contacts", rows(List.of(
                    DemoDirectory.company("OC1", "Openable Company", "info@openable.example"),
                    DemoDirectory.person("OC2", "Otto Buyer", "OC1", "Openable Company", "otto@openable.example",
                            List.of(), false))));
            api.putJson("/api/directory/salespeople", List.of(
                    new SalespersonRow("OS1", "Olivia Seller", List.of("olivia@contoso.com")),
                    new SalespersonRow("OS2", "Oscar Seller", List.of("oscar@contoso.com"))));
        }

        @Test
        void aSalespersonOpensItsOwnImapMailAsItsContentAndIsNeverOfferedItsImapUrl() {
            String connection = CONNECTION;
            BROKER.publish(imapConnection(connection));
            MailReceived oliviasToOtto = mail().overImap().connection(connection).from("olivia@contoso.com")
                    .to("otto@openable.example").build();
            MailReceived oscarsToOtto = mail().overImap().connection(connection).from("oscar@contoso.com")
                    .to("otto@openable.example").build();
            BROKER.publish(List.of(oliviasToOtto, oscarsToOtto));
            String olivias = awaitInteractions(oliviasToOtto, 1).get(0).id();
            String oscars = awaitInteractions(oscarsToOtto, 1).get(0).id();
            Api olivia = api.as(Tokens.personAt("olivia@contoso.com", "salesperson"));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(olivia.get("/api/interactions/" + olivias)
                    .json().get("openable").asBoolean()).as("an IMAP connection's mail, before it was moved").isTrue());
            Api.Response view = olivia.get("/api/interactions/" + olivias);
            assertThat(view.text("/webLink")).isNull();
            assertThat(view.text("/messageUrl")).isEqualTo("/api/interactions/" + olivias + "/message");

            Api.Response opened = olivia.get("/api/interactions/" + olivias + "/message");
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.header("Content-Type")).startsWith("application/json");
            assertThat(opened.header("Cache-Control")).contains("no-store");
            assertThat(opened.text("/subject")).isEqualTo("Content of " + oliviasToOtto.immutableId());
            assertThat(opened.text("/html")).isEqualTo("<p>Dear customer, the <b>quote</b> is attached.</p>");
            assertThat(opened.text("/from/address")).isEqualTo("olivia@contoso.com");
            assertThat(opened.text("/receivedDateTime")).isEqualTo("2026-11-27T09:15:01Z");
            assertThat(opened.text("/date")).isEqualTo("Fri, 27 Nov 2026 10:14:58 +0100");
            assertThat(opened.text("/attachments/0/name")).isEqualTo("quote.pdf");
            assertThat(opened.json().at("/attachments/0/size").asLong()).isEqualTo(18211L);

            Api.Response hidden = olivia.get("/api/interactions/" + oscars + "/message");
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.text("/type")).isEqualTo("urn:mailtrail:problem:interaction-not-found");
            assertThat(hidden.raw().body()).doesNotContain("oscar");
            assertThat(INGESTOR.contentRequests()).as("the ingestor is not even asked for a mail the caller may not see")
                    .contains(oliviasToOtto.immutableId()).doesNotContain(oscarsToOtto.immutableId());
            assertThat(api.as(Tokens.person("maria", "sales-manager")).get("/api/interactions/" + oscars + "/message")
                    .status()).as("a sales manager opens everyone's").isEqualTo(200);

            String archived = "imap://crm-log%40contoso.com@imap.contoso.com:993/Archive;UIDVALIDITY=3/;UID=9";
            BROKER.publish(new MailArchived(UUID.randomUUID(), Instant.now(), 1, connection,
                    oliviasToOtto.internetMessageId(), oliviasToOtto.immutableId(), archived, "Archive", archived,
                    firstDisposition(oliviasToOtto)));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(mongo.findById(olivias, InteractionDocument.class)
                    .link().webLink()).as("stored as the ingestor gave it").isEqualTo(archived));
            for (JsonNode shown : List.of(olivia.get("/api/interactions/" + olivias).json(),
                    olivia.get("/api/interactions?connectionId=" + connection).json().at("/items/0"),
                    olivia.get("/api/contacts/OC2/timeline").json().at("/items/0/interactions/0"))) {
                assertThat(shown.get("id").asString()).isEqualTo(olivias);
                assertThat(shown.get("openable").asBoolean()).isTrue();
                assertThat(shown.toString()).doesNotContain("imap:");
            }
            assertThat(olivia.get("/api/interactions/" + olivias + "/message").status()).isEqualTo(200);
        }

        @Test
        void tellsWhyAnImapMailDoesNotOpen() {
            String connection = CONNECTION + "-failing";
            MailReceived gone = mail().overImap().immutableId("imap-unknown-1").connection(connection)
                    .from("olivia@contoso.com").to("otto@openable.example").build();
            MailReceived serverDown = mail().overImap().immutableId("imap-unreachable-1").connection(connection)
                    .from("olivia@contoso.com").to("otto@openable.example").build();
            BROKER.publish(List.of(gone, serverDown));
            Api olivia = api.as(Tokens.personAt("olivia@contoso.com", "salesperson"));

            Api.Response notFound = olivia.get("/api/interactions/" + awaitInteractions(gone, 1).get(0).id()
                    + "/message");
            Api.Response unavailable = olivia.get("/api/interactions/" + awaitInteractions(serverDown, 1).get(0).id()
                    + "/message");

            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.text("/type")).isEqualTo("urn:mailtrail:problem:mail-not-found");
            assertThat(notFound.text("/detail")).isEqualTo("no mail imap-unknown-1");
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.text("/type")).isEqualTo("urn:mailtrail:problem:mail-server-unavailable");
            assertThat(unavailable.text("/detail")).isEqualTo("imap.contoso.com:993 does not answer");
        }
    }

    @Nested
    class Authorization {

        @Test
        void everyEndpointWantsATokenOfTheIssuerForTheMatcherAndTheRoleItsRuleNames() {
            AuthorizationMatrix.of("http://127.0.0.1:" + port, TestIssuer.shared())
                    .audience("mailtrail").serviceAudience("mailtrail-interaction-matcher")
                    .documentRequiresToken()
                    .rule("GET /api/me", Allowed.roles("salesperson", "sales-manager", "directory-importer",
                            "mailtrail-admin"))
                    .rule("GET /api/interactions", Allowed.roles("salesperson", "sales-manager"))
                    .rule("GET /api/interactions/{id}", Allowed.roles("salesperson", "sales-manager"))
                    .rule("GET /api/interactions/{id}/message", Allowed.roles("salesperson", "sales-manager"))
                    .rule("GET /api/contacts/{contactId}/timeline", Allowed.roles("salesperson", "sales-manager"))
                    .rule("GET /api/directory", Allowed.roles("directory-importer", "mailtrail-admin"))
                    .rule("GET /api/directory/contacts/{contactId}", Allowed.roles("salesperson", "sales-manager",
                            "directory-importer", "mailtrail-admin"))
                    .rule("GET /api/directory/salespeople/{code}", Allowed.roles("directory-importer",
                            "mailtrail-admin"))
                    .rule("PUT /api/directory/contacts", Allowed.roles("directory-importer", "mailtrail-admin"))
                    .rule("PUT /api/directory/salespeople", Allowed.roles("directory-importer", "mailtrail-admin"))
                    .rule("GET /api/ledger", Allowed.roles("mailtrail-admin"))
                    .rule("GET /api/ledger/{connectionId}", Allowed.roles("mailtrail-admin"))
                    .rule("GET /api/ledger/{connectionId}/failures", Allowed.roles("mailtrail-admin"))
                    .rule("GET /api/ledger/{connectionId}/rematches", Allowed.roles("mailtrail-admin"))
                    .rule("POST /api/ledger/{connectionId}/rematches", Allowed.roles("mailtrail-admin"))
                    .rule("GET /api/rematches/{id}", Allowed.roles("mailtrail-admin"))
                    .rule("DELETE /api/interactions/{id}/opportunity", Allowed.roles("sales-manager"))
                    .body("POST /api/ledger/{connectionId}/rematches", "application/json",
                            "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-02T00:00:00Z\"}")
                    .body("PUT /api/directory/contacts", "application/json", "[]")
                    .body("PUT /api/directory/salespeople", "application/json", "[]")
                    .verify();
        }
    }

    @Nested
    class Metrics {

        @Test
        void countsMailInteractionsAndExclusionsAndRecordsLatencyAsAHistogram() {
            MailReceived logged = mail().connection("metrics").from(ANNA).to(LARS).build();
            MailReceived excluded = mail().connection("metrics").from(STRANGER).to(ANNA).build();
            BROKER.publish(List.of(logged, excluded));
            awaitDisposition(logged);
            awaitDisposition(excluded);

            String metrics = api.as(Tokens.metrics()).get("/actuator/prometheus").raw().body();

            assertThat(metrics)
                    .containsPattern("mailtrail_mail_processed_total\\{application=\"interaction-matcher\",outcome=\"logged\"\\} [1-9]")
                    .containsPattern("mailtrail_mail_processed_total\\{application=\"interaction-matcher\",outcome=\"excluded\"\\} [1-9]")
                    .containsPattern("mailtrail_interactions_logged_total\\{application=\"interaction-matcher\",direction=\"OUTBOUND\"\\} [1-9]")
                    .containsPattern("mailtrail_mail_excluded_total\\{application=\"interaction-matcher\",rule=\"UNKNOWN_SENDER\"\\} [1-9]")
                    .containsPattern("mailtrail_mail_processing_latency_seconds_bucket\\{application=\"interaction-matcher\",since=\"event\",le=\"[0-9.]+\"\\}")
                    .containsPattern("mailtrail_mail_processing_latency_seconds_count\\{application=\"interaction-matcher\",since=\"received\"\\} [1-9]")
                    .containsPattern("mailtrail_directory_size\\{application=\"interaction-matcher\",kind=\"contacts\"\\} [1-9]");
        }
    }

    private List<InteractionDocument> awaitInteractions(MailReceived mail, int count) {
        Query query = new Query(Criteria.where("connectionId").is(mail.connectionId()).and("internetMessageId")
                .is(mail.internetMessageId()));
        return await().atMost(PATIENCE).until(() -> mongo.find(query, InteractionDocument.class),
                found -> found.size() == count);
    }

    /** Until the broker confirmed everything the mail's documents owed, and the outboxes are empty. */
    private void awaitNothingOwed(MailReceived mail) {
        Query interactions = new Query(Criteria.where("connectionId").is(mail.connectionId()).and("internetMessageId")
                .is(mail.internetMessageId()));
        await().atMost(PATIENCE).until(() -> mongo.find(interactions, InteractionDocument.class).stream()
                .allMatch(interaction -> interaction.outbox().isEmpty())
                && mongo.findById(mail.aggregateId(), MessageDocument.class).outbox().isEmpty());
    }

    private MailDispositionRequested awaitDisposition(MailReceived mail) {
        return await().atMost(PATIENCE).until(() -> dispositions(mail.connectionId()).stream()
                .filter(d -> d.internetMessageId().equals(mail.internetMessageId())).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private void awaitAllMailProcessed() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> BROKER.hasConsumedEverything(GROUP, Topics.MAIL_RECEIVED));
    }

    private void awaitOutcomesProcessed() {
        await().atMost(PATIENCE).until(() -> BROKER.hasConsumedEverything(GROUP, Topics.MAIL_ARCHIVED));
    }

    private Set<String> storedInteractionIds(String connectionId) {
        return mongo.find(new Query(Criteria.where("connectionId").is(connectionId)), InteractionDocument.class).stream()
                .map(InteractionDocument::id).collect(Collectors.toSet());
    }

    private void assertOneDispositionPerMail(List<AcceptanceMails.Expected> expected) {
        Map<String, List<MailDispositionRequested>> byMail = dispositions("acceptance").stream()
                .collect(Collectors.groupingBy(MailDispositionRequested::internetMessageId));
        assertThat(byMail).hasSize(expected.size());
        for (AcceptanceMails.Expected mail : expected) {
            assertThat(byMail.get(mail.mail().internetMessageId())).as(mail.mail().internetMessageId())
                    .extracting(MailDispositionRequested::disposition).containsExactly(mail.disposition());
        }
    }

    private static List<MailDispositionRequested> dispositions(String connectionId) {
        return Broker.decode(BROKER.readAll(Topics.MAIL_DISPOSITION), MailDispositionRequested.class).stream()
                .filter(d -> d.connectionId().equals(connectionId)).toList();
    }

    private static List<InteractionLogged> loggedEvents(String connectionId) {
        return Broker.decode(BROKER.readAll(Topics.INTERACTION_EVENTS), InteractionLogged.class).stream()
                .filter(e -> connectionId.equals(e.connectionId())).toList();
    }

    private static List<InteractionMessageLinkChanged> linkChanges(List<InteractionDocument> interactions) {
        Set<String> ids = interactions.stream().map(InteractionDocument::id).collect(Collectors.toCollection(HashSet::new));
        return Broker.decode(BROKER.readAll(Topics.INTERACTION_EVENTS), InteractionMessageLinkChanged.class).stream()
                .filter(change -> ids.contains(change.interactionId())).toList();
    }

    private static ConnectionConfigured connection(String id, long revision, UnmatchedPolicy unmatched,
            MatchingOptions matching) {
        return connection(id, revision, unmatched, matching, null, null);
    }

    private static ConnectionConfigured connection(String id, long revision, UnmatchedPolicy unmatched,
            MatchingOptions matching, HoldPolicy hold, CopyPolicy copies) {
        return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, String.valueOf(revision)),
                Instant.now(), 1, id, revision, id, "tenant", "client", AuthMode.APPLICATION, "crm-log@contoso.com",
                "inbox", "archive", unmatched, null, List.of("contoso.com"), null, null, null, Duration.ofMinutes(5), true,
                matching, hold, copies, null, null);
    }

    private static ConnectionConfigured imapConnection(String id) {
        return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, "1"), Instant.now(), 1, id, 1, id,
                null, null, null, "crm-log@contoso.com", "INBOX", "Archive", UnmatchedPolicy.DELETE, null,
                List.of("contoso.com"), null, null, null, Duration.ofMinutes(5), true, null, null, null,
                ConnectionKind.IMAP, new ImapSettings("imap.contoso.com", 993, ImapSecurity.TLS, "crm-log@contoso.com",
                        ImapAuth.PASSWORD));
    }

    /** The id of the first disposition a mail's first copy is asked for, which its outcome answers. */
    private static UUID firstDisposition(MailReceived mail) {
        return LogIds.disposition(mail.connectionId(), mail.internetMessageId());
    }

    private static List<ContactRow> rows(List<Contact> contacts) {
        return contacts.stream().map(c -> new ContactRow(c.id(), c.name(), c.type().name(), c.companyId(),
                c.companyName(), c.email(), c.alternateEmails(), c.privacyBlocked())).toList();
    }
}
