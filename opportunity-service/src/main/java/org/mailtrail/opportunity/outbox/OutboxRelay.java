package org.mailtrail.opportunity.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.mailtrail.opportunity.OpportunityServiceProperties;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Republishes events whose publication was never confirmed: the process died between the write
 * and the send, or Kafka was away. It starts right after startup and then runs at a fixed delay,
 * over every mapped collection that has an outbox field.
 */
@Component
class OutboxRelay implements SchedulingConfigurer {

    private static final int BATCH = 200;

    private final EventOutbox outbox;
    private final MongoMappingContext mappings;
    private final OpportunityServiceProperties properties;
    private final Clock clock;

    OutboxRelay(EventOutbox outbox, MongoMappingContext mappings, OpportunityServiceProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.mappings = mappings;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::relay, properties.relayInterval(), Duration.ZERO));
    }

    void relay() {
        outbox.relay(collectionsWithAnOutbox(), clock.instant().minus(properties.relayGrace()), BATCH);
    }

    private List<String> collectionsWithAnOutbox() {
        return mappings.getPersistentEntities().stream()
                .filter(entity -> entity.getPersistentProperty(EventOutbox.FIELD) != null)
                .map(entity -> entity.getCollection())
                .distinct().sorted().toList();
    }
}
