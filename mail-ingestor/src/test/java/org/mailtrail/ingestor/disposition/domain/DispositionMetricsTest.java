package org.mailtrail.ingestor.disposition.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.ingestor.connection.store.FencedWrites;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.testsupport.ManualClock;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DispositionMetricsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MongoServer server;
    private MongoClient client;
    private DispositionStore store;

    @BeforeEach
    void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        MongoTemplate mongo = new MongoTemplate(client, "ingestor");
        store = new DispositionStore(mongo, new FencedWrites(mongo, registry), clock);
        new DispositionMetrics(registry, store, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void reportsZeroWhileNoCommandIsPending() {
        assertThat(pendingAge()).isZero();
    }

    @Test
    void reportsHowLongTheOldestPendingCommandHasWaited() {
        store.add(archive("contoso-sales", "<first@contoso.com>"));
        clock.advance(Duration.ofMinutes(5));
        store.add(archive("fabrikam-support", "<second@fabrikam.com>"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(pendingAge()).isEqualTo(420.0);
    }

    private double pendingAge() {
        return registry.get("mailtrail.dispositions.pending.age").gauge().value();
    }

    private MailDispositionRequested archive(String connectionId, String internetMessageId) {
        return new MailDispositionRequested(UUID.randomUUID(), clock.instant(), 1, connectionId, internetMessageId,
                "immutable-" + internetMessageId, Disposition.ARCHIVE, "logged 1 interaction", null, null);
    }
}
