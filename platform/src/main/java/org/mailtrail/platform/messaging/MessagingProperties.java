package org.mailtrail.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service rides out an outage of MongoDB or the Kafka broker.
 *
 * @param outageWait how long a write that records work already done elsewhere (a mail moved in Graph) is repeated
 *        while MongoDB is unreachable, outside any consumer; consumers themselves wait out an outage of any length
 * @param outageLongestPause the longest pause between two attempts of a consumer waiting out an outage: how soon
 *        after the outage ends it notices
 */
@ConfigurationProperties("mailtrail.messaging")
public record MessagingProperties(@DefaultValue("3m") Duration outageWait,
        @DefaultValue("10s") Duration outageLongestPause) {

    public MessagingProperties {
        if (outageLongestPause.isNegative() || outageLongestPause.isZero()) {
            throw new IllegalArgumentException("mailtrail.messaging.outage-longest-pause must be positive");
        }
    }
}
