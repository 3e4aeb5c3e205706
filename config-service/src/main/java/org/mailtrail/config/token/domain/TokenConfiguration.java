package org.mailtrail.config.token.domain;

import java.time.Clock;

import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.config.graph.EntraTokenEndpoint;
import org.mailtrail.config.graph.GraphHosts;
import org.mailtrail.config.graph.GraphHttp;
import org.mailtrail.config.graph.GraphProperties;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.store.DelegatedGrantStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    DelegatedGrants delegatedGrants(DelegatedGrantStore store, Secrets secrets, Clock clock) {
        return new DelegatedGrants(store, secrets, clock);
    }

    @Bean
    DelegatedTokens delegatedTokens(DelegatedGrants grants, EntraTokenEndpoint entra, GraphProperties properties,
            Clock clock) {
        return new DelegatedTokens(grants, entra, properties.delegatedPermissions(), clock);
    }

    @Bean
    TokenBroker tokenBroker(Secrets secrets, GraphHosts hosts, GraphHttp http, DelegatedTokens delegated,
            GraphProperties properties, Clock clock, MeterRegistry meters) {
        return new TokenBroker(secrets, hosts, new ClientCredentialTokens(http), delegated,
                properties.tokenRefreshMargin(), clock, meters);
    }

    @Bean
    ImapCredentials imapCredentials(TokenBroker broker, Secrets secrets) {
        return new ImapCredentials(broker, secrets);
    }

    @Bean
    ConnectionTokens connectionTokens(ConnectionService connections, TokenBroker broker, ImapCredentials imap,
            DelegatedGrants grants, AuditLog audit) {
        return new ConnectionTokens(connections, broker, imap, grants, audit);
    }
}
