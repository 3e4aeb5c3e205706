package org.mailtrail.opportunity;

import org.mailtrail.opportunity.opportunities.store.OpportunityStore;
import org.mailtrail.opportunity.promotion.store.PromotionStore;
import org.mailtrail.platform.outbox.OutboxCollections;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpportunityServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpportunityServiceApplication.class, args);
    }

    /**
     * The collections whose documents carry events. Their events have different keys (an
     * opportunity's, a rejected command's interaction), so no order between them matters.
     */
    @Bean
    OutboxCollections outboxCollections() {
        return OutboxCollections.of(OpportunityStore.COLLECTION, PromotionStore.COLLECTION);
    }
}
