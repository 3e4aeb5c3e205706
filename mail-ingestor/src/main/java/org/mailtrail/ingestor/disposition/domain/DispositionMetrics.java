package org.mailtrail.ingestor.disposition.domain;

import java.time.Clock;
import java.time.Duration;

import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mailtrail.dispositions{result}}: archived, held, deleted, fallback_deleted, failed, left; and
 * {@code mailtrail.dispositions.pending.age}: how long the oldest command not carried out yet has waited, read in
 * the store at each scrape so every instance reports the same, whichever owns the connection.
 */
@Component
public class DispositionMetrics {

    private final MeterRegistry registry;

    public DispositionMetrics(MeterRegistry registry, DispositionStore store, Clock clock) {
        this.registry = registry;
        Gauge.builder("mailtrail.dispositions.pending.age", store, s -> s.oldestPending()
                .map(since -> Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0)).orElse(0.0))
                .description("Seconds the oldest pending disposition command has waited (0 when none is pending)")
                .baseUnit("seconds").register(registry);
    }

    public void count(String result) {
        Counter.builder("mailtrail.dispositions")
                .description("Dispositions carried out, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
