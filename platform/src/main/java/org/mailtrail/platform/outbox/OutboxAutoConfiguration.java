package org.mailtrail.platform.outbox;

import java.time.Clock;
import java.time.Duration;

import org.mailtrail.platform.messaging.ContractMessagingAutoConfiguration;
import org.mailtrail.platform.messaging.ContractPublisher;
import org.mailtrail.platform.scheduling.SchedulingAutoConfiguration;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.platform.time.TimeAutoConfiguration;
import org.mailtrail.platform.tracing.TracingAutoConfiguration;
import org.mailtrail.platform.tracing.Traces;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The {@link Outbox} of a service with MongoDB and Kafka, and its relay where the service names its collections. */
@AutoConfiguration(after = { ContractMessagingAutoConfiguration.class, SchedulingAutoConfiguration.class,
        TimeAutoConfiguration.class, TracingAutoConfiguration.class },
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnBean({ MongoTemplate.class, ContractPublisher.class })
    @ConditionalOnMissingBean
    Outbox outbox(MongoTemplate mongo, ContractPublisher publisher, JsonMapper mapper, Clock clock, Traces traces) {
        return new Outbox(mongo, publisher, mapper, clock, traces);
    }

    @Bean
    @ConditionalOnBean({ Outbox.class, OutboxCollections.class })
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(Outbox outbox, MongoTemplate mongo, OutboxCollections collections,
            OutboxProperties properties, Clock clock, MeterRegistry meters) {
        return new OutboxRelay(outbox, mongo, collections, properties, clock, meters);
    }

    /** Once the service is ready (its bindings too), and from then on: what a crashed predecessor left goes out first. */
    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    ApplicationListener<ApplicationReadyEvent> outboxRelayStart(OutboxRelay relay, OutboxProperties properties,
            Timers timers) {
        return ready -> timers.every("outbox relay", Duration.ZERO, properties.relayInterval(), relay::relay);
    }
}
