package org.mailtrail.ingestor.connection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.testsupport.ManualClock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RunningConnectionMetricsTest {

    private static final Instant STARTED = Instant.parse("2026-12-04T10:00:00Z");

    private final ManualClock clock = new ManualClock(STARTED);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunningConnectionMetrics metrics = new RunningConnectionMetrics(registry, clock);
    private final FollowedConnection connection = new FollowedConnection("contoso-sales", 3, "tenant", "client",
            AuthMode.APPLICATION, "crm-log@contoso.com", null, null, null, null, null, null, true, null);
    private final Ownership ownership = new Ownership("contoso-sales", 1, STARTED.plusSeconds(20), clock, lost -> {
    });

    @Test
    void reportsWhenTheConnectionStartedRunningAndAMailCountFromZero() {
        metrics.started(connection, ownership);

        assertThat(registry.get("mailtrail.connection.running.since").tag("connection", "contoso-sales").gauge()
                .value()).isEqualTo(1_796_378_400.0);
        assertThat(registry.get("mailtrail.mail.received").tag("connection", "contoso-sales").counter().count())
                .isZero();
    }

    @Test
    void reportsTheLatestStartWhenTheConnectionRestarts() {
        metrics.started(connection, ownership);
        clock.advance(Duration.ofMinutes(10));

        metrics.started(connection, ownership);

        assertThat(registry.get("mailtrail.connection.running.since").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.value()).isEqualTo(1_796_379_000.0));
    }

    @Test
    void forgetsTheConnectionOnceItStopsButKeepsItsMailCount() {
        metrics.started(connection, ownership);
        registry.get("mailtrail.mail.received").counter().increment();

        metrics.stopped(connection, ownership, StopReason.DELETED);

        assertThat(registry.find("mailtrail.connection.running.since").gauges()).isEmpty();
        assertThat(registry.get("mailtrail.mail.received").tag("connection", "contoso-sales").counter().count())
                .isEqualTo(1.0);
    }
}
