package org.mailtrail.config;

import org.mailtrail.config.connection.store.ConnectionStore;
import org.mailtrail.config.secret.domain.MasterKeysetCommand;
import org.mailtrail.platform.outbox.OutboxCollections;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

// Boot's authorization server defaults would make settings and a throwaway signing key in every run; the embedded
// issuer (org.mailtrail.config.issuer) makes its own, and only when it is enabled.
@SpringBootApplication(exclude = { OAuth2AuthorizationServerAutoConfiguration.class,
        OAuth2AuthorizationServerJwtAutoConfiguration.class })
@OpenAPIDefinition(info = @Info(title = "mailtrail config-service",
        description = "Mailbox connections, their secrets (write-only), Graph tokens for other services, setup checks and consent."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ConfigServiceApplication {

    public static void main(String[] args) {
        if (MasterKeysetCommand.handles(args)) {
            System.exit(MasterKeysetCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(ConfigServiceApplication.class, args);
    }

    /** The one collection whose documents owe Kafka records: connections, with their events and tombstones. */
    @Bean
    OutboxCollections outboxCollections() {
        return OutboxCollections.of(ConnectionStore.COLLECTION);
    }
}
