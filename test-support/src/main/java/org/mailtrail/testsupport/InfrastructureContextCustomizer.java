package org.mailtrail.testsupport;

import java.util.Map;

import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points the application at the shared broker and MongoDB server, and at the JVM's {@link TestIssuer}: the one issuer
 * it trusts, and where it gets client-credentials tokens (as {@value TestIssuer#SERVICE_CLIENT}). The properties rank just below
 * a test's own inlined properties, so a test can still override one deliberately. Being a record,
 * it keys the context cache by database: classes share a context only when they share a database.
 */
record InfrastructureContextCustomizer(String database) implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "mailtrailTestInfrastructure";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String kafka = infrastructure.kafka().bootstrapServers();
        String mongo = infrastructure.mongo().uri(database);
        TestIssuer issuer = TestIssuer.shared();
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "spring.cloud.stream.kafka.binder.brokers", kafka,
                "spring.mongodb.uri", mongo,
                InfrastructureSelection.KAFKA_VARIABLE, kafka,
                InfrastructureSelection.MONGO_VARIABLE, mongo,
                "mailtrail.security.issuer-uri", issuer.issuerUri(),
                "mailtrail.service-client.token-uri", issuer.tokenUri(),
                "mailtrail.service-client.client-id", TestIssuer.SERVICE_CLIENT,
                "mailtrail.service-client.client-secret", TestIssuer.SERVICE_SECRET));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }
}
