package org.mailtrail.ingestor;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few beans that are not a feature's own. */
@Configuration
public class IngestorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
