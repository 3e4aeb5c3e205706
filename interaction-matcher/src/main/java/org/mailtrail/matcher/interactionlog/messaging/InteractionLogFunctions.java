package org.mailtrail.matcher.interactionlog.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.mailtrail.events.Contract;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.matcher.interactionlog.domain.InteractionLog;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.RecordBatches;
import org.mailtrail.platform.tracing.Traces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class InteractionLogFunctions {

    /**
     * {@code mail.received.v1}, a poll's records at a time: match each mail (or count a further copy), log its
     * interactions, request its disposition; the batch's writes done together.
     */
    @Bean
    Consumer<Message<?>> matchMail(ContractMessages messages, InteractionLog log, Traces traces) {
        // The binder's observation covers a record consumer only: a batch's records bring their traces by hand, in
        // the batch's headers. A Message of an untyped payload, because Spring Cloud Function would otherwise try
        // to convert each record's bytes and drop the whole batch without a word when it cannot.
        return batch -> traces.handleBatch(batch, () -> RecordBatches.handle(values(batch),
                value -> messages.decode(value, MailReceived.class), log::recordAll, log::record));
    }

    /** The values of a batch as the binder hands them over in batch mode: a list of the records' bytes. */
    @SuppressWarnings("unchecked")
    private static List<byte[]> values(Message<?> batch) {
        if (!(batch.getPayload() instanceof List<?> values)) {
            throw new IllegalStateException("matchMail-in-0 must be a batch binding (batch-mode: true), not "
                    + batch.getPayload().getClass().getName());
        }
        return (List<byte[]>) values;
    }

    /** {@code mail.archived.v1} (MailArchived, MailHeld, MailDeleted, MailDispositionFailed): the mail's link and state. */
    @Bean
    Consumer<Message<byte[]>> recordMailOutcome(ContractMessages messages, InteractionLog log) {
        return message -> log.recordOutcome(messages.decode(message));
    }

    /**
     * {@code opportunity.events.v1}: an opportunity created from an interaction is linked to it, and takes the rest
     * of its conversation while its status keeps it open. Rejections are not the log's business.
     */
    @Bean
    Consumer<Message<byte[]>> linkOpportunity(ContractMessages messages, InteractionLog log) {
        return message -> {
            Contract event = messages.decode(message);
            if (event instanceof OpportunityCreated created) {
                log.linkOpportunity(created);
            } else if (event instanceof OpportunityStatusChanged changed) {
                log.opportunityStatusChanged(changed);
            }
        };
    }
}
