package org.mailtrail.platform.scheduling;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The service's {@link Timers}. */
@AutoConfiguration
public class SchedulingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Timers timers() {
        return new Timers(4);
    }
}
