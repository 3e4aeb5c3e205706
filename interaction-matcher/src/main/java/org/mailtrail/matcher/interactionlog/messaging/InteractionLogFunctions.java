package org.mailtrail.matcher.interactionlog.messaging;

import java.util.function.Consumer;

import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.matcher.interactionlog.domain.InteractionLog;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.OutageRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class InteractionLogFunctions {

    /** {@code mail.received.v1}: match the mail, log its interactions, request its one disposition. */
    @Bean
    Consumer<Message<byte[]>> matchMail(ContractMessages messages, InteractionLog log, OutageRetry outages) {
        return outages.around(message -> log.record(messages.decode(message, MailReceived.class)));
    }

    /** {@code mail.archived.v1} (MailArchived, MailDeleted, MailDispositionFailed): the mail's link and state. */
    @Bean
    Consumer<Message<byte[]>> recordMailOutcome(ContractMessages messages, InteractionLog log, OutageRetry outages) {
        return outages.around(message -> log.recordOutcome(messages.decode(message)));
    }

    /**
     * {@code opportunity.events.v1}: an opportunity created from an interaction is linked to it. The
     * topic's other types (rejections, status changes) are not the log's business.
     */
    @Bean
    Consumer<Message<byte[]>> linkOpportunity(ContractMessages messages, InteractionLog log, OutageRetry outages) {
        return outages.around(message -> {
            if (messages.decode(message) instanceof OpportunityCreated created) {
                log.linkOpportunity(created);
            }
        });
    }
}
