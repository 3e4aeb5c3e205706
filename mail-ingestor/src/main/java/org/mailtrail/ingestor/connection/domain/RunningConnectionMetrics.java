package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mailtrail.connection.running.since{connection}}: when this instance started running the connection, for
 * as long as it runs it (only enabled connections run). The alert on a connection that receives no mail compares
 * it with {@code mailtrail.mail.received{connection}}, which is registered here at zero so that the first mail of
 * an instance counts as an increase.
 */
@Component
class RunningConnectionMetrics implements ConnectionListener {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Gauge> running = new ConcurrentHashMap<>();

    RunningConnectionMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        Counter.builder("mailtrail.mail.received").description("MailReceived events published to mail.received.v1")
                .tag("connection", connection.id()).register(registry);
        double since = clock.millis() / 1000.0;
        running.compute(connection.id(), (id, previous) -> {
            if (previous != null) {
                registry.remove(previous);
            }
            return Gauge.builder("mailtrail.connection.running.since", () -> since)
                    .description("When this instance started running the connection (seconds since the epoch)")
                    .baseUnit("seconds").tag("connection", id).strongReference(true).register(registry);
        });
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        Gauge gauge = running.remove(connection.id());
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
