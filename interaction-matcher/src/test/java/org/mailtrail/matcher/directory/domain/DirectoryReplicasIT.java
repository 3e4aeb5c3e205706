package org.mailtrail.matcher.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.directory.ContactType;
import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.directory.store.DirectoryRevisionStore;
import org.mailtrail.matcher.directory.store.DirectoryStore;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.testsupport.ManualClock;
import org.mailtrail.testsupport.TestInfrastructure;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.unit.DataSize;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Several matcher instances over one MongoDB, as three pods run: each has its own address index, writes what the
 * topics and imports bring it, and must end matching against the same directory as the others. The instances are
 * the real domain beans wired by hand against the test JVM's MongoDB server; their refreshes are called by the
 * tests, except where the timer itself is under test.
 */
class DirectoryReplicasIT {

    private static final String DATABASE = "directory-replicas";
    /** Never, within a test: the tests refresh when they want to look. */
    private static final Duration BY_HAND = Duration.ofHours(1);

    private static MongoClient client;
    private static MongoTemplate mongo;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final Timers timers = new Timers(2);
    private Instance a;
    private Instance b;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.shared().mongo().uri(DATABASE));
        mongo = new MongoTemplate(client, DATABASE);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void startTwoInstancesOnAnEmptyDatabase() {
        mongo.getDb().drop();
        a = new Instance("a", BY_HAND);
        b = new Instance("b", BY_HAND);
    }

    @AfterEach
    void stopTimers() {
        timers.destroy();
    }

    @Nested
    class AChangeMadeThroughOneInstance {

        @Test
        void reachesAnotherInstanceAtItsNextRefreshAndNotBefore() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));
            a.directory.upsertSalespeople(List.of(new Salesperson("AB", "Anna Berg", List.of("anna.berg@contoso.com"))));

            assertThat(a.index.contactAt("lars.holm@fabrikam.com")).as("the writer, at once").isPresent();
            assertThat(a.revision("applied")).isEqualTo(2);
            assertThat(b.index.contactAt("lars.holm@fabrikam.com")).isEmpty();
            assertThat(b.index.salespersonAt("anna.berg@contoso.com")).isEmpty();

            b.directory.refresh();

            assertThat(b.index.contactAt("lars.holm@fabrikam.com")).hasValueSatisfying(
                    hit -> assertThat(hit.contact().id()).isEqualTo("CT1"));
            assertThat(b.index.salespersonAt("anna.berg@contoso.com")).hasValueSatisfying(
                    salesperson -> assertThat(salesperson.code()).isEqualTo("AB"));
            assertThat(b.revision("applied")).isEqualTo(2);
            assertThat(b.revision("latest")).isEqualTo(2);
            assertThat(b.refreshes("applied")).isEqualTo(1);
        }

        @Test
        void tellsHeldMailOnlyOnTheInstanceThatMadeIt() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));

            b.directory.refresh();

            assertThat(a.published).containsExactly(
                    new DirectoryChanged(Set.of("lars.holm@fabrikam.com"), Set.of("fabrikam.com")));
            assertThat(b.published).isEmpty();
        }

        @Test
        void tellsHeldMailAgainOnceEveryOtherInstanceHasHadTwoRefreshesToTakeItIn() {
            Instance writer = new Instance("writer", Duration.ofMillis(200));
            long started = System.nanoTime();

            writer.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));

            DirectoryChanged change = new DirectoryChanged(Set.of("lars.holm@fabrikam.com"), Set.of("fabrikam.com"));
            assertThat(writer.published).as("at once").containsExactly(change);
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.published.size() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("two refreshes of 200 ms and a second").isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
            assertThat(writer.published).containsExactly(change, change);
            assertThat(b.published).isEmpty();
        }

        @Test
        void deletesFromTheOtherInstancesAndFromAnyInstanceStartedLater() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com"),
                    person("CT2", "mia.sand@fabrikam.com")));
            a.directory.upsertSalespeople(List.of(new Salesperson("AB", "Anna Berg", List.of("anna.berg@contoso.com"))));
            b.directory.refresh();

            a.directory.deleteContact("CT1");
            a.directory.deleteSalesperson("AB");
            b.directory.refresh();

            assertThat(b.index.contact("CT1")).isEmpty();
            assertThat(b.index.contactAt("lars.holm@fabrikam.com")).isEmpty();
            assertThat(b.index.salespersonAt("anna.berg@contoso.com")).isEmpty();
            assertThat(b.directory.summary()).isEqualTo(new DirectorySummary(1, 0, 1));
            assertThat(stored("contacts", "CT1")).containsEntry("deleted", true).containsEntry("revision", 3L);
            Instance startedLater = new Instance("started later", BY_HAND);
            assertThat(startedLater.directory.summary()).isEqualTo(new DirectorySummary(1, 0, 1));
            assertThat(startedLater.revision("applied")).isEqualTo(4);
        }

        @Test
        void bringsBackADeletedContactWhenAnotherInstanceUpsertsItAgain() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));
            a.directory.deleteContact("CT1");

            b.directory.upsertContacts(List.of(person("CT1", "lars@holm.example")));
            a.directory.refresh();

            assertThat(a.index.contactAt("lars@holm.example")).hasValueSatisfying(
                    hit -> assertThat(hit.contact().id()).isEqualTo("CT1"));
            assertThat(a.index.contactAt("lars.holm@fabrikam.com")).isEmpty();
            assertThat(stored("contacts", "CT1")).containsEntry("deleted", false).containsEntry("revision", 3L);
        }

        @Test
        void reachesAnotherInstanceByItselfWithinTheRefreshInterval() {
            Instance refreshing = new Instance("refreshing", Duration.ofMillis(100));

            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));

            // The index takes a revision's entries before the instance counts the revision applied: wait for both.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(refreshing.index.contact("CT1")).isPresent();
                assertThat(refreshing.revision("applied")).isEqualTo(1);
            });
        }
    }

    @Nested
    class ARevisionStillBeingWritten {

        private final DirectoryRevisionStore revisions = new DirectoryRevisionStore(mongo);
        private final DirectoryStore store = new DirectoryStore(mongo);

        @Test
        void holdsTheOtherInstancesBackUntilItIsDone() {
            long unfinished = revisions.reserve(clock.instant());
            store.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")), unfinished, clock.instant());
            a.directory.upsertContacts(List.of(person("CT2", "mia.sand@fabrikam.com")));

            b.directory.refresh();

            assertThat(b.index.contact("CT1")).as("half written").isEmpty();
            assertThat(b.index.contact("CT2")).as("written after it").isEmpty();
            assertThat(b.revision("applied")).isZero();
            assertThat(b.revision("latest")).isEqualTo(2);
            assertThat(b.refreshes("waiting")).isEqualTo(1);

            assertThat(revisions.finish(unfinished, clock.instant())).isTrue();
            b.directory.refresh();

            assertThat(b.index.contact("CT1")).isPresent();
            assertThat(b.index.contact("CT2")).isPresent();
            assertThat(b.revision("applied")).isEqualTo(2);
        }

        @Test
        void isGivenUpAMinuteAfterItWasReservedAndWhatItsWriterWroteIsApplied() {
            long unfinished = revisions.reserve(clock.instant());
            store.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")), unfinished, clock.instant());
            a.directory.upsertContacts(List.of(person("CT2", "mia.sand@fabrikam.com")));

            clock.advance(Duration.ofSeconds(59));
            b.directory.refresh();
            assertThat(b.index.contact("CT2")).isEmpty();

            clock.advance(Duration.ofSeconds(2));
            b.directory.refresh();

            assertThat(b.index.contact("CT1")).isPresent();
            assertThat(b.index.contact("CT2")).isPresent();
            assertThat(b.revision("applied")).isEqualTo(2);
            assertThat(stored("directoryRevisions", unfinished)).containsEntry("status", "ABANDONED");
        }

        @Test
        void isStampedAgainUnderANewRevisionWhenItsSlowWriterFindsItGivenUp() throws Exception {
            CountDownLatch released = new CountDownLatch(1);
            Instance slow = new Instance("slow", BY_HAND, new DirectoryStore(mongo) {
                @Override
                public void upsertContacts(List<Contact> contacts, long revision, Instant at) {
                    awaitQuietly(released);
                    super.upsertContacts(contacts, revision, at);
                }
            });
            CompletableFuture<Void> writing = CompletableFuture.runAsync(
                    () -> slow.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> revisions.latest() == 1);

            clock.advance(Duration.ofMinutes(2));
            b.directory.refresh();
            assertThat(b.revision("applied")).as("given up before anything was written").isEqualTo(1);
            assertThat(b.index.contact("CT1")).isEmpty();

            released.countDown();
            writing.get(10, TimeUnit.SECONDS);
            b.directory.refresh();

            assertThat(b.index.contact("CT1")).isPresent();
            assertThat(stored("contacts", "CT1")).containsEntry("revision", 2L);
            assertThat(stored("directoryRevisions", 1L)).containsEntry("status", "ABANDONED");
            assertThat(stored("directoryRevisions", 2L)).containsEntry("status", "DONE");
            assertThat(slow.index.contact("CT1")).isPresent();
            assertThat(slow.revision("applied")).isEqualTo(2);
        }
    }

    @Nested
    class ConcurrentWriters {

        /** Two on each instance. */
        private static final int WRITERS = 4;
        private static final int ROUNDS = 20;
        private static final List<String> IDS = IntStream.range(0, 8).mapToObj(i -> "CT" + i).toList();

        @Test
        void leaveEveryInstanceWithTheDirectoryMongoDbEndsWith() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            try {
                List<CompletableFuture<Void>> writers = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    Instance instance = writer % 2 == 0 ? a : b;
                    int number = writer;
                    writers.add(CompletableFuture.runAsync(() -> write(instance.directory, number), threads));
                }
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }

            a.directory.refresh();
            b.directory.refresh();

            Map<String, String> liveEmails = new HashMap<>();
            for (Document contact : mongo.findAll(Document.class, "contacts")) {
                if (!contact.getBoolean("deleted")) {
                    liveEmails.put(contact.getString("_id"), contact.getString("email"));
                }
            }
            assertThat(liveEmails).as("some upserted last, some deleted last").isNotEmpty().hasSizeLessThan(IDS.size());
            for (Instance instance : List.of(a, b)) {
                for (String id : IDS) {
                    assertThat(instance.index.contact(id).map(Contact::email)).as(instance.name + " " + id)
                            .isEqualTo(Optional.ofNullable(liveEmails.get(id)));
                }
                Set<String> formerEmails = new HashSet<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    for (int round = 0; round < ROUNDS; round++) {
                        for (String id : IDS) {
                            formerEmails.add(email(id, writer, round));
                        }
                    }
                }
                formerEmails.removeAll(liveEmails.values());
                assertThat(formerEmails).as(instance.name + ": addresses no contact has any more")
                        .allSatisfy(email -> assertThat(instance.index.contactAt(email)).isEmpty());
                assertThat(instance.revision("applied")).isEqualTo(WRITERS * ROUNDS);
            }
            assertThat(mongo.count(Query.query(Criteria.where("status").is("DONE")), "directoryRevisions"))
                    .as("one revision per write, none taken twice").isEqualTo(WRITERS * ROUNDS);
        }

        /**
         * Each round upserts every id with an address of this writer's round, or deletes one id; every writer's last
         * round deletes, and ids deleted only early on are upserted again after.
         */
        private void write(DirectoryService directory, int writer) {
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 5 == 4) {
                    directory.deleteContact(IDS.get((round + writer) % IDS.size()));
                } else {
                    int thisRound = round;
                    directory.upsertContacts(IDS.stream().map(id -> person(id, email(id, writer, thisRound))).toList());
                }
            }
        }

        private static String email(String id, int writer, int round) {
            return id + ".writer" + writer + ".round" + round + "@concurrent.example";
        }
    }

    @Nested
    class Pruning {

        @Test
        void forgetsOldRevisionsAndDeletionsAndAnInstanceThatMissedThemRebuilds() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com"),
                    person("CT2", "mia.sand@fabrikam.com")));
            b.directory.refresh();
            a.directory.deleteContact("CT1");
            a.directory.upsertContacts(List.of(person("CT3", "ceo@fabrikam.com")));
            clock.advance(DirectoryService.RETENTION.plusHours(1));
            a.directory.deleteContact("CT2");
            a.directory.upsertContacts(List.of(person("CT4", "kim@litware.com")));

            a.directory.prune();

            assertThat(mongo.find(new Query().with(Sort.by("_id")), Document.class, "directoryRevisions"))
                    .extracting(revision -> revision.get("_id"))
                    .as("the revisions younger than the retention").containsExactly(4L, 5L);
            assertThat(mongo.findById("CT1", Document.class, "contacts")).as("deleted before the retention").isNull();
            assertThat(stored("contacts", "CT2")).as("deleted within it").containsEntry("deleted", true);

            b.directory.refresh();

            assertThat(b.refreshes("rebuilt")).isEqualTo(1);
            assertThat(b.index.contact("CT1")).isEmpty();
            assertThat(b.index.contact("CT2")).isEmpty();
            assertThat(b.index.contact("CT3")).isPresent();
            assertThat(b.index.contact("CT4")).isPresent();
            assertThat(b.revision("applied")).isEqualTo(5);
        }

        @Test
        void keepsTheNewestRevisionSoThatNumberingGoesOn() {
            a.directory.upsertContacts(List.of(person("CT1", "lars.holm@fabrikam.com")));
            clock.advance(DirectoryService.RETENTION.plusHours(1));

            a.directory.prune();
            assertThat(stored("directoryRevisions", 1L)).containsEntry("status", "DONE");
            b.directory.upsertContacts(List.of(person("CT2", "mia.sand@fabrikam.com")));
            a.directory.refresh();

            assertThat(stored("contacts", "CT2")).containsEntry("revision", 2L);
            assertThat(a.index.contact("CT2")).isPresent();
            assertThat(a.refreshes("applied")).isEqualTo(1);
        }
    }

    /** One matcher instance's directory: its own index, meters and listeners over the shared MongoDB. */
    private final class Instance {

        final String name;
        final AddressIndex index = new AddressIndex();
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final List<Object> published = new CopyOnWriteArrayList<>();
        final DirectoryService directory;

        Instance(String name, Duration refreshInterval) {
            this(name, refreshInterval, new DirectoryStore(mongo));
        }

        Instance(String name, Duration refreshInterval, DirectoryStore store) {
            this.name = name;
            directory = new DirectoryService(store, new DirectoryRevisionStore(mongo), index, clock, meters,
                    published::add, timers, new MatcherProperties(URI.create("http://localhost:8082"),
                            Duration.ofSeconds(2), 100_000, Duration.ofMinutes(1), refreshInterval,
                            Duration.ofSeconds(8), DataSize.ofMegabytes(32)));
        }

        double revision(String state) {
            return meters.get("mailtrail.directory.revision").tag("state", state).gauge().value();
        }

        long refreshes(String outcome) {
            return meters.get("mailtrail.directory.refreshed").tag("outcome", outcome).timer().count();
        }
    }

    private static Document stored(String collection, Object id) {
        Document document = mongo.findById(id, Document.class, collection);
        assertThat(document).as(collection + " " + id).isNotNull();
        return document;
    }

    private static Contact person(String id, String email) {
        return new Contact(id, "Contact " + id, ContactType.PERSON, null, null, email, List.of(), false);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the slow writer go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
