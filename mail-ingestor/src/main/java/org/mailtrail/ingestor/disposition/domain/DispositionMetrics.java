package org.mailtrail.ingestor.disposition.domain;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code mailtrail.dispositions{result}}: archived, held, deleted, fallback_deleted, failed, left. */
@Component
public class DispositionMetrics {

    private final MeterRegistry registry;

    public DispositionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String result) {
        Counter.builder("mailtrail.dispositions")
                .description("Dispositions carried out, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
