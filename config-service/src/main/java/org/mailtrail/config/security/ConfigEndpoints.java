package org.mailtrail.config.security;

import org.mailtrail.platform.security.EndpointAuthorization;
import org.mailtrail.platform.security.Permissions;
import org.mailtrail.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class ConfigEndpoints {

    /** The permission mail-ingestor's token must carry to fetch a mailbox's Graph token or IMAP credential. */
    static final String TOKEN_PERMISSION = "connections.token";

    @Bean
    EndpointAuthorization configServiceRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/oauth/callback").permitAll()
                .requestMatchers(HttpMethod.POST, "/internal/connections/*/token", "/internal/connections/*/imap-credential")
                .access(Permissions.service(TOKEN_PERMISSION))
                // Whether mail is logged at all, for whoever reads the log (names and switches only).
                .requestMatchers(HttpMethod.GET, "/api/connection-states")
                .access(Permissions.people(Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN))
                .requestMatchers("/api/**").access(Permissions.people(Roles.ADMIN));
    }
}
