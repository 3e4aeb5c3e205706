package org.mailtrail.opportunity;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings ({@code mailtrail.opportunity.*}). The outbox relay's are the
 * platform's ({@code mailtrail.outbox.*}).
 *
 * @param interactionWait how long a promotion waits for its interaction to reach the projection
 *        (the matcher's event may lag the command) before it is rejected with INTERACTION_NOT_FOUND
 * @param sweepInterval how often promotions waiting for their interaction are completed or rejected
 * @param matcherUrl the matcher, which says which salespeople a signed-in person is and whose interactions it sees
 * @param matcherTimeout how long a question to the matcher may take
 */
@ConfigurationProperties("mailtrail.opportunity")
public record OpportunityServiceProperties(
        @DefaultValue("30s") Duration interactionWait,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("http://localhost:8083") URI matcherUrl,
        @DefaultValue("5s") Duration matcherTimeout) {
}
