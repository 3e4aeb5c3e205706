package org.mailtrail.config;

import java.time.Clock;
import java.time.Duration;

import org.mailtrail.config.secret.domain.MasterKeysetCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@SpringBootApplication
@EnableScheduling
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

    /** Millisecond ticks: what MongoDB stores, so an instant read back equals the one written. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
