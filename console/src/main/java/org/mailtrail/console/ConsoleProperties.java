package org.mailtrail.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console finds the services it shows, and how long it waits for them.
 *
 * @param configServiceUrl connections, checks, audit (and the issuer, when it is config-service's own)
 * @param matcherUrl the interaction log, timelines, the directory and the ledger
 * @param opportunityUrl promotions and opportunities
 * @param timeout how long a page waits for a service before it says the service does not answer
 * @param liveInterval how often, at most, a live page asks the matcher whether its first page changed
 */
@ConfigurationProperties("mailtrail.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8081") String configServiceUrl,
        @DefaultValue("http://localhost:8083") String matcherUrl,
        @DefaultValue("http://localhost:8084") String opportunityUrl,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2s") Duration liveInterval) {
}
