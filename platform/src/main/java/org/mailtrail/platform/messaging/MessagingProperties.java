package org.mailtrail.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers ride out an outage.
 *
 * @param outageWait how long a consumer holds a message while MongoDB or the broker is unreachable
 *        before it lets the binder retry and dead-letter it; keep it under {@code max.poll.interval.ms}
 */
@ConfigurationProperties("mailtrail.messaging")
public record MessagingProperties(@DefaultValue("3m") Duration outageWait) {
}
