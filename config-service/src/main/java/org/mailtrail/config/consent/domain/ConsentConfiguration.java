package org.mailtrail.config.consent.domain;

import java.time.Clock;

import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.config.consent.store.PendingConsentStore;
import org.mailtrail.config.graph.EntraTokenEndpoint;
import org.mailtrail.config.graph.GraphProperties;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.domain.DelegatedGrants;
import org.mailtrail.config.token.domain.DelegatedTokens;
import org.mailtrail.config.token.domain.TokenBroker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    @Bean
    ConsentService consentService(ConnectionService connections, PendingConsentStore pending,
            EntraTokenEndpoint entra, DelegatedTokens delegated, DelegatedGrants grants, TokenBroker broker,
            Secrets secrets, AuditLog audit, JsonMapper json, GraphProperties properties, Clock clock) {
        return new ConsentService(connections, pending, entra, delegated, grants, broker, secrets, audit, json,
                properties.consentLifetime(), clock);
    }
}
