package org.mailtrail.opportunity.promotion.domain;

import java.time.Duration;

import org.mailtrail.opportunity.OpportunityServiceProperties;
import org.mailtrail.platform.scheduling.Timers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Runs {@link Promotions#sweep()} at the configured interval, once the service is ready. */
@Component
class PromotionSweep {

    private final Promotions promotions;
    private final OpportunityServiceProperties properties;
    private final Timers timers;

    PromotionSweep(Promotions promotions, OpportunityServiceProperties properties, Timers timers) {
        this.promotions = promotions;
        this.properties = properties;
        this.timers = timers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timers.every("promotion sweep", Duration.ZERO, properties.sweepInterval(), promotions::sweep);
    }
}
