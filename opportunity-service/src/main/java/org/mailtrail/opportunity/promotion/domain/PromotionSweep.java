package org.mailtrail.opportunity.promotion.domain;

import java.time.Duration;

import org.mailtrail.opportunity.OpportunityServiceProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs {@link Promotions#sweep()} at the configured interval, from startup on. */
@Component
class PromotionSweep implements SchedulingConfigurer {

    private final Promotions promotions;
    private final OpportunityServiceProperties properties;

    PromotionSweep(Promotions promotions, OpportunityServiceProperties properties) {
        this.promotions = promotions;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(promotions::sweep, properties.sweepInterval(), Duration.ZERO));
    }
}
