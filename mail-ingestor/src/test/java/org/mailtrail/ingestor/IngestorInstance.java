package org.mailtrail.ingestor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.testsupport.TestInfrastructure;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more ingestor process's worth of Spring context, for tests that run several instances side by side: the
 * shared broker and MongoDB server, the test issuer, the token broker double and the emulator's trust, leases short
 * enough to move within seconds, and whatever else the test adds.
 */
final class IngestorInstance {

    private IngestorInstance() {
    }

    static ConfigurableApplicationContext start(int port, String database, TokenBrokerDouble tokens, GraphEmulator graph,
            Map<String, Object> more) {
        String kafka = TestInfrastructure.shared().kafka().bootstrapServers();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port);
        properties.put("spring.mongodb.uri", TestInfrastructure.shared().mongo().uri(database));
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("spring.cloud.stream.kafka.binder.brokers", kafka);
        properties.put("mailtrail.ingestor.config-service-url", tokens.url());
        TestIssuer issuer = TestIssuer.shared();
        properties.put("mailtrail.security.issuer-uri", issuer.issuerUri());
        properties.put("mailtrail.service-client.token-uri", issuer.tokenUri());
        properties.put("mailtrail.service-client.client-id", TestIssuer.SERVICE_CLIENT);
        properties.put("mailtrail.service-client.client-secret", TestIssuer.SERVICE_SECRET);
        properties.put("mailtrail.graph.trust-store", graph.trustStorePath().toString());
        properties.put("mailtrail.graph.trust-store-password", graph.trustStorePassword());
        properties.put("mailtrail.ingestor.ownership.lease-ttl", "3s");
        properties.put("mailtrail.ingestor.ownership.lease-renew-interval", "500ms");
        properties.put("mailtrail.ingestor.ownership.signal-poll-interval", "200ms");
        properties.putAll(more);
        // As command-line arguments: they take precedence over application.yml, as the environment would.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MailIngestorApplication.class).run(arguments);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
