package org.mailtrail.platform.time;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The service's one {@link Clock}: UTC, ticking in whole milliseconds. MongoDB stores milliseconds,
 * so a time read from this clock, stored, read back and put in an event again is the same instant;
 * no call site truncates. Tests replace the bean with a fixed or movable clock.
 */
@AutoConfiguration
public class TimeAutoConfiguration {

    public static Clock millisecondClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return millisecondClock();
    }
}
