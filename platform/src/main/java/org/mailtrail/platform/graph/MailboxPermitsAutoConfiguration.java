package org.mailtrail.platform.graph;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import com.mongodb.client.MongoClient;

/** The service's {@link MailboxPermits}, made when a service that talks to Graph first asks for them. */
@AutoConfiguration
@EnableConfigurationProperties(MailboxPermitsProperties.class)
public class MailboxPermitsAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    MailboxPermits mailboxPermits(MongoClient client, MailboxPermitsProperties properties, Clock clock) {
        return new MongoMailboxPermits(client, properties, clock);
    }
}
