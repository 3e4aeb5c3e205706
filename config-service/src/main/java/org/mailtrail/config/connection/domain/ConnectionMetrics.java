package org.mailtrail.config.connection.domain;

import org.mailtrail.config.connection.store.ConnectionStore;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code mailtrail.connections.configured} by state, counted in the store at each scrape so every instance agrees. */
@Component
class ConnectionMetrics {

    ConnectionMetrics(ConnectionStore store, MeterRegistry meters) {
        Gauge.builder("mailtrail.connections.configured", store, s -> s.count(true))
                .description("Connections, by state").tag("state", "enabled").register(meters);
        Gauge.builder("mailtrail.connections.configured", store, s -> s.count(false))
                .description("Connections, by state").tag("state", "disabled").register(meters);
    }
}
