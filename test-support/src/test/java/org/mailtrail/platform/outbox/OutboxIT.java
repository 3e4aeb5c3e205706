package org.mailtrail.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.events.Topics;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.platform.outbox.OutboxTestApplication.SalespersonDocument;
import org.mailtrail.platform.tracing.Traces;
import org.mailtrail.testsupport.KafkaTopicProbe;
import org.mailtrail.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.client.MongoClients;

/**
 * The platform's outbox on a real broker and a real MongoDB-protocol server, through the failures
 * it exists for: a service killed between its write and its publish, and several instances of a
 * service relaying at once.
 */
class OutboxIT {

    private static final String TOPIC = Topics.DIRECTORY_SALESPEOPLE;

    private final TestInfrastructure infrastructure = TestInfrastructure.shared();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void publishesRightAfterTheWriteAndEmptiesTheOutbox() {
        String database = "outbox_it_write";
        ConfigurableApplicationContext instance = instance(database, Map.of());
        OutboxTestApplication.Salespeople salespeople = instance.getBean(OutboxTestApplication.Salespeople.class);
        String code = "W-" + UUID.randomUUID();

        SalespersonUpserted written = salespeople.write(code, "Ann Write");
        assertThat(owed(database, code)).as("entries owed before the publish").hasSize(1);
        salespeople.publish(code);

        assertThat(owed(database, code)).as("entries owed once the broker confirmed").isEmpty();
        List<ConsumerRecord<String, byte[]>> records = recordsOf(code, Duration.ofSeconds(10), 1);
        assertThat(records).hasSize(1);
        assertThat(header(records.get(0), "ce_id")).isEqualTo(written.eventId().toString());
        assertThat(header(records.get(0), "ce_type")).isEqualTo(SalespersonUpserted.TYPE);
        assertThat(ContractJson.mapper().readValue(records.get(0).value(), SalespersonUpserted.class)).isEqualTo(written);
    }

    @Test
    void publishesTheRecordInTheTraceOfTheChangeThatWroteIt() {
        String database = "outbox_it_trace";
        ConfigurableApplicationContext instance = instance(database, Map.of());
        OutboxTestApplication.Salespeople salespeople = instance.getBean(OutboxTestApplication.Salespeople.class);
        Traces traces = instance.getBean(Traces.class);
        String code = "T-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String request = "00-" + traceId + "-00f067aa0ba902b7-01";

        traces.within(request, "a request that changes a salesperson", () -> salespeople.write(code, "Ann Trace"));
        assertThat(owed(database, code)).singleElement()
                .extracting(entry -> Traces.traceId(entry.getString("traceparent")))
                .as("the trace stored with the entry").isEqualTo(traceId);
        // Published later, outside the request, as the relay would.
        salespeople.publish(code);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(code, Duration.ofSeconds(10), 1);
        assertThat(records).hasSize(1);
        assertThat(Traces.traceId(header(records.get(0), Traces.TRACEPARENT))).as("the trace the record carries")
                .isEqualTo(traceId);
    }

    @Test
    void removesADeletedDocumentWithTheTombstoneThatWasAllItOwed() {
        String database = "outbox_it_tombstone";
        ConfigurableApplicationContext instance = instance(database, Map.of());
        Outbox outbox = instance.getBean(Outbox.class);
        MongoTemplate mongo = mongo(database);
        String code = "D-" + UUID.randomUUID();
        mongo.insert(new SalespersonDocument(code, "Deleted", List.of(outbox.tombstone(TOPIC, code, UUID.randomUUID(),
                true))), OutboxTestApplication.COLLECTION);

        outbox.publish(OutboxTestApplication.COLLECTION, code);

        assertThat(mongo.findById(code, Document.class, OutboxTestApplication.COLLECTION)).as("the deleted document")
                .isNull();
        List<ConsumerRecord<String, byte[]>> records = recordsOf(code, Duration.ofSeconds(10), 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).as("a tombstone's value").isNull();
    }

    @Test
    void publishesSeveralDocumentsAtOnceEachRecordOnceAndRemovesTheDeletedOne() {
        String database = "outbox_it_several";
        ConfigurableApplicationContext instance = instance(database, Map.of());
        Outbox outbox = instance.getBean(Outbox.class);
        MongoTemplate mongo = mongo(database);
        String prefix = "M-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String kept = prefix + "kept";
        String alsoKept = prefix + "also-kept";
        String deleted = prefix + "deleted";
        leftBehind(mongo, OutboxTestApplication.COLLECTION, kept, Instant.now());
        leftBehind(mongo, OutboxTestApplication.COLLECTION, alsoKept, Instant.now());
        mongo.insert(new SalespersonDocument(deleted, "Deleted", List.of(outbox.tombstone(TOPIC, deleted,
                UUID.randomUUID(), true))), OutboxTestApplication.COLLECTION);

        outbox.publish(OutboxTestApplication.COLLECTION, List.of(kept, deleted, alsoKept));

        assertThat(owed(database, kept)).isEmpty();
        assertThat(owed(database, alsoKept)).isEmpty();
        assertThat(mongo.findById(deleted, Document.class, OutboxTestApplication.COLLECTION)).as("the deleted document")
                .isNull();
        // Read long enough for a second send of any of them to arrive too.
        Map<String, List<ConsumerRecord<String, byte[]>>> records = recordsOf(prefix, Duration.ofSeconds(5),
                Integer.MAX_VALUE).stream().collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(records).containsOnlyKeys(kept, alsoKept, deleted);
        assertThat(records.get(kept)).hasSize(1);
        assertThat(records.get(alsoKept)).hasSize(1);
        assertThat(records.get(deleted)).as("the deleted document's tombstone, once").hasSize(1);
        assertThat(records.get(deleted).get(0).value()).isNull();
    }

    @Test
    void publishesExactlyOnceWhatAServiceKilledBetweenItsWriteAndItsPublishLeftBehind() throws Exception {
        String database = "outbox_it_killed";
        String code = "K-" + UUID.randomUUID();

        Process doomed = process(database, Map.of("outbox-test.write", code, "outbox-test.hold", "true"));
        String eventId = awaitLine(doomed, "WRITTEN ", Duration.ofSeconds(90));
        doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(owed(database, code)).as("what the killed service owed").extracting(entry -> entry.getString("eventId"))
                .containsExactly(eventId);
        assertThat(recordsOf(code, Duration.ofSeconds(3), 1)).as("records before the restart").isEmpty();

        instance(database, Map.of("mailtrail.outbox.relay-interval", "300ms", "mailtrail.outbox.relay-grace", "0s"));

        await().atMost(Duration.ofSeconds(60)).until(() -> owed(database, code).isEmpty());
        // Several more relay rounds: a second publication would arrive within them.
        List<ConsumerRecord<String, byte[]>> records = recordsOf(code, Duration.ofSeconds(5), Integer.MAX_VALUE);
        assertThat(records).as("records of the salesperson the killed service wrote").hasSize(1);
        assertThat(header(records.get(0), "ce_id")).isEqualTo(eventId);
    }

    @Test
    void findsWhatAnotherInstanceLeftBehindOnItsSweepAfterItHadFoundNothing() {
        String database = "outbox_it_sweep";
        String code = "S-" + UUID.randomUUID();
        MongoTemplate mongo = mongo(database);
        instance(database, Map.of("mailtrail.outbox.relay-interval", "100ms", "mailtrail.outbox.sweep-interval", "2s"));
        // Nothing owed at start: the relay settles and only sweeps from now on.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);

        leftBehind(mongo, OutboxTestApplication.COLLECTION, code, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(Duration.ofSeconds(30)).until(() -> owed(database, code).isEmpty());
        assertThat(recordsOf(code, Duration.ofSeconds(5), Integer.MAX_VALUE)).hasSize(1);
    }

    @Test
    void twoInstancesRelayingAtOncePublishEachEventOnceWithItsOwnId() {
        String database = "outbox_it_two";
        String prefix = "T-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int count = 300;
        MongoTemplate mongo = mongo(database);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < count; i++) {
            leftBehind(mongo, OutboxTestApplication.COLLECTION, prefix + i, longAgo);
        }
        Map<String, String> busyRelay = Map.of("mailtrail.outbox.relay-interval", "100ms",
                "mailtrail.outbox.batch-size", "25");

        instance(database, busyRelay);
        instance(database, busyRelay);

        await().atMost(Duration.ofSeconds(120)).until(() -> owedIn(mongo, OutboxTestApplication.COLLECTION, prefix) == 0);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(prefix, Duration.ofSeconds(5), Integer.MAX_VALUE);
        Map<String, Set<String>> idsByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> header(record, "ce_id"), Collectors.toSet())));
        assertThat(idsByKey).as("salespeople published").hasSize(count);
        assertThat(idsByKey.values()).as("ids each salesperson was published with").allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(records).as("records, one per event: the claims keep two relays off the same document").hasSize(count);
    }

    @Test
    void relaysACollectionOnlyOnceEveryDueRecordOfTheCollectionsBeforeItIsOut() {
        String database = "outbox_it_order";
        String prefix = "O-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        MongoTemplate mongo = mongo(database);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        // The later collection's record is the oldest of all: only the order of the collections may hold it back.
        leftBehind(mongo, OutboxTestApplication.LATER_COLLECTION, prefix + "later", longAgo.minusSeconds(60));
        for (int i = 0; i < 60; i++) {
            leftBehind(mongo, OutboxTestApplication.COLLECTION, prefix + i, longAgo);
        }

        instance(database, Map.of("mailtrail.outbox.relay-interval", "100ms", "mailtrail.outbox.batch-size", "7"));

        await().atMost(Duration.ofSeconds(60)).until(() -> owedIn(mongo, OutboxTestApplication.LATER_COLLECTION, prefix) == 0);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(prefix, Duration.ofSeconds(5), Integer.MAX_VALUE);
        long later = records.stream().filter(r -> r.key().endsWith("later")).mapToLong(ConsumerRecord::timestamp)
                .min().orElseThrow();
        assertThat(records).hasSize(61);
        assertThat(records.stream().filter(r -> !r.key().endsWith("later")).mapToLong(ConsumerRecord::timestamp))
                .as("send times of the first collection's records").allMatch(sent -> sent <= later);
    }

    private static long owedIn(MongoTemplate mongo, String collection, String prefix) {
        return mongo.count(Query.query(Criteria.where("_id").regex("^" + prefix).and("outbox.0").exists(true)),
                collection);
    }

    /** A document with the record a writer that crashed before publishing left in it. */
    private static void leftBehind(MongoTemplate mongo, String collection, String code, Instant writtenAt) {
        SalespersonUpserted event = OutboxTestApplication.event(code, "Left behind " + code, writtenAt);
        OutboxEntry entry = new OutboxEntry(event.eventId().toString(), TOPIC, event.aggregateId(),
                ContractTypes.of(SalespersonUpserted.class).cloudEventType(),
                ContractJson.mapper().writeValueAsString(event), writtenAt, false);
        mongo.insert(new SalespersonDocument(code, "Left behind " + code, List.of(entry)), collection);
    }

    private ConfigurableApplicationContext instance(String database, Map<String, String> properties) {
        Map<String, Object> all = new java.util.HashMap<>(infrastructureProperties(database));
        all.putAll(properties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OutboxTestApplication.class)
                .properties(all).run();
        instances.add(context);
        return context;
    }

    private Process process(String database, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OutboxTestApplication.class.getName()));
        infrastructureProperties(database).forEach((name, value) -> command.add("--" + name + "=" + value));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    private Map<String, String> infrastructureProperties(String database) {
        String kafka = infrastructure.kafka().bootstrapServers();
        return Map.of("spring.config.name", "outbox-it",
                "spring.kafka.bootstrap-servers", kafka,
                "spring.cloud.stream.kafka.binder.brokers", kafka,
                "spring.mongodb.uri", infrastructure.mongo().uri(database));
    }

    /** Reads the process's output until a line starts with {@code prefix}; returns the rest of that line. */
    private static String awaitLine(Process process, String prefix, Duration timeout) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("the service never wrote '" + prefix + "'; its output:\n" + seen);
    }

    private List<Document> owed(String database, String code) {
        Document document = mongo(database).findById(code, Document.class, OutboxTestApplication.COLLECTION);
        return document == null ? List.of() : document.getList(Outbox.FIELD, Document.class, List.of());
    }

    private MongoTemplate mongo(String database) {
        return new MongoTemplate(MongoClients.create(infrastructure.mongo().uri(database)), database);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String keyPrefix, Duration timeout, int enough) {
        return KafkaTopicProbe.shared().read(TOPIC, Integer.MAX_VALUE, timeout).stream()
                .filter(record -> record.key() != null && record.key().startsWith(keyPrefix)).limit(enough).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
