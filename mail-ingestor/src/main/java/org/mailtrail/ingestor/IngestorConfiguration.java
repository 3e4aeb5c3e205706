package org.mailtrail.ingestor;

import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.platform.outbox.OutboxCollections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few beans that are not a feature's own. */
@Configuration
public class IngestorConfiguration {

    /** What the outbox relay publishes if a writer could not: the results of carried-out dispositions. */
    @Bean
    OutboxCollections outboxCollections() {
        return OutboxCollections.of(DispositionStore.COLLECTION);
    }
}
