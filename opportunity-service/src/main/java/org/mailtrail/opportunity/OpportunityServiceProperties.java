package org.mailtrail.opportunity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings ({@code mailtrail.opportunity.*}).
 *
 * @param interactionWait how long a promotion waits for its interaction to reach the projection
 *        (the matcher's event may lag the command) before it is rejected
 * @param sweepInterval how often waiting promotions are completed or rejected
 * @param relayInterval how often the outbox relay republishes events whose publication was not confirmed
 * @param relayGrace how old an unconfirmed event must be before the relay takes it over from the
 *        request that wrote it, so the two rarely publish the same event twice
 */
@ConfigurationProperties("mailtrail.opportunity")
public record OpportunityServiceProperties(
        @DefaultValue("30s") Duration interactionWait,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("5s") Duration relayInterval,
        @DefaultValue("10s") Duration relayGrace) {
}
