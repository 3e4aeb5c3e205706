package org.mailtrail.matcher.interactionlog.store;

import org.mailtrail.platform.outbox.OutboxCollections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LogOutboxConfiguration {

    /**
     * Interactions before messages: an interaction's InteractionLogged must reach subscribers before
     * its mail's disposition is requested, so that the link change the disposition leads to never
     * overtakes it.
     */
    @Bean
    OutboxCollections logOutboxCollections() {
        return OutboxCollections.of(InteractionDocument.COLLECTION, MessageDocument.COLLECTION);
    }
}
