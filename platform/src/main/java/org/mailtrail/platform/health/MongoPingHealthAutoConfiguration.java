package org.mailtrail.platform.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;

import com.mongodb.client.MongoClient;

/**
 * Puts {@link MongoPingHealthIndicator} in place of Boot's MongoDB health indicator, which
 * backs off when a bean of this name exists.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ MongoClient.class, MongoHealthContributorAutoConfiguration.class })
@ConditionalOnEnabledHealthIndicator("mongodb")
public class MongoPingHealthAutoConfiguration {

    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnBean(MongoClient.class)
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient client) {
        return new MongoPingHealthIndicator(client);
    }
}
