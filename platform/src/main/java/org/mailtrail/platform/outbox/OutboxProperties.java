package org.mailtrail.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay.
 *
 * @param relayInterval how often the relay looks for records whose publication was never confirmed, while this
 *        instance knows some were left behind (a send failed here) and after it started
 * @param sweepInterval how often it looks all the same, for what another instance that stopped left behind
 * @param relayGrace how old such a record must be before the relay takes it over from the request that wrote it
 * @param claimTtl how long an instance holds a document it is relaying; another instance takes it over after that
 * @param batchSize how many documents one relay round takes per collection at the most
 */
@ConfigurationProperties("mailtrail.outbox")
public record OutboxProperties(@DefaultValue("5s") Duration relayInterval, @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("10s") Duration relayGrace,
        @DefaultValue("1m") Duration claimTtl, @DefaultValue("200") int batchSize) {
}
