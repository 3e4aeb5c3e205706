package org.mailtrail.matcher.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.connection.store.ConnectionPolicyStore;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.testsupport.TestInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Several matcher instances over one MongoDB, each with its connection policies in memory: whichever instance reads
 * a connection's record from the topic, every instance matches that connection's mail by the same policy. The
 * instances are the real domain beans wired by hand against the test JVM's MongoDB server.
 */
class ConnectionPolicyReplicasIT {

    private static final String DATABASE = "connection-policy-replicas";
    /** Never, within a test: the tests refresh when they want to look. */
    private static final Duration BY_HAND = Duration.ofHours(1);

    private static MongoClient client;
    private static MongoTemplate mongo;

    private final Timers timers = new Timers(1);
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
        a = new Instance(BY_HAND);
        b = new Instance(BY_HAND);
    }

    @AfterEach
    void stopTimers() {
        timers.destroy();
    }

    @Test
    void takesAPolicyAnotherInstanceReadAtItsNextRefreshAndNotBefore() {
        a.policies.apply(configured("sales", 1, UnmatchedPolicy.LEAVE));

        assertThat(a.policies.policyFor("sales").unmatchedPolicy()).as("the reader, at once")
                .isEqualTo(UnmatchedPolicy.LEAVE);
        assertThat(b.policies.find("sales")).isEmpty();

        b.policies.refresh();

        assertThat(b.policies.policyFor("sales").unmatchedPolicy()).isEqualTo(UnmatchedPolicy.LEAVE);
        assertThat(b.policies.policyFor("sales").revision()).isEqualTo(1);
        assertThat(b.meters.get("mailtrail.connections.refreshed").tag("outcome", "succeeded").timer().count())
                .isEqualTo(1);
    }

    @Test
    void forgetsAConnectionAnotherInstanceDeleted() {
        a.policies.apply(configured("sales", 1, UnmatchedPolicy.LEAVE));
        a.policies.apply(configured("support", 1, UnmatchedPolicy.LEAVE));
        b.policies.refresh();

        a.policies.delete("sales");
        b.policies.refresh();

        assertThat(b.policies.find("sales")).isEmpty();
        assertThat(b.policies.policyFor("sales").unmatchedPolicy()).as("the defaults again")
                .isEqualTo(UnmatchedPolicy.DELETE);
        assertThat(b.policies.find("support")).isPresent();
    }

    @Test
    void keepsTheNewerRevisionWhenAnInstanceThatDidNotKnowItReadsAnOlderOne() {
        a.policies.apply(configured("sales", 5, UnmatchedPolicy.LEAVE));

        b.policies.apply(configured("sales", 3, UnmatchedPolicy.DELETE));

        assertThat(mongo.findById("sales", Document.class, "connections")).containsEntry("revision", 5L)
                .containsEntry("unmatchedPolicy", "LEAVE");
        b.policies.refresh();
        assertThat(b.policies.policyFor("sales").revision()).isEqualTo(5);
        assertThat(b.policies.policyFor("sales").unmatchedPolicy()).isEqualTo(UnmatchedPolicy.LEAVE);
    }

    @Test
    void takesTheSameRevisionAgainWhenItsRecordIsReplayed() {
        a.policies.apply(configured("sales", 2, UnmatchedPolicy.LEAVE));

        b.policies.apply(configured("sales", 2, UnmatchedPolicy.LEAVE));

        assertThat(b.policies.policyFor("sales").revision()).isEqualTo(2);
    }

    @Test
    void takesAConnectionCreatedAgainWhoseRevisionsStartAnew() {
        a.policies.apply(configured("sales", 7, UnmatchedPolicy.LEAVE));
        b.policies.refresh();

        a.policies.delete("sales");
        a.policies.apply(configured("sales", 1, UnmatchedPolicy.DELETE));
        b.policies.refresh();

        assertThat(b.policies.policyFor("sales").revision()).isEqualTo(1);
        assertThat(b.policies.policyFor("sales").unmatchedPolicy()).isEqualTo(UnmatchedPolicy.DELETE);
    }

    @Test
    void takesAPolicyAnotherInstanceReadByItselfWithinTheRefreshInterval() {
        Instance refreshing = new Instance(Duration.ofMillis(100));

        a.policies.apply(configured("sales", 1, UnmatchedPolicy.LEAVE));

        await().atMost(Duration.ofSeconds(10)).until(() -> refreshing.policies.find("sales").isPresent());
    }

    /** One matcher instance's connection policies over the shared MongoDB. */
    private final class Instance {

        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final ConnectionPolicies policies;

        Instance(Duration refreshInterval) {
            policies = new ConnectionPolicies(new ConnectionPolicyStore(mongo), meters, timers,
                    new MatcherProperties(URI.create("http://localhost:8082"), Duration.ofSeconds(2), 100_000,
                            Duration.ofMinutes(1), refreshInterval, Duration.ofSeconds(8), DataSize.ofMegabytes(32)));
        }
    }

    private static ConnectionConfigured configured(String id, long revision, UnmatchedPolicy unmatched) {
        return new ConnectionConfigured(EventIds.of(ConnectionConfigured.TYPE, id, String.valueOf(revision)),
                Instant.parse("2026-12-01T09:00:00Z"), 1, id, revision, id, "tenant", "client", AuthMode.APPLICATION,
                id + "@contoso.com", "inbox", "archive", unmatched, null, List.of("contoso.com"), null, null, null,
                Duration.ofMinutes(5), true, null, null, null, null, null);
    }
}
