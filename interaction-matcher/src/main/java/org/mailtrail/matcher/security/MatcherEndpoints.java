package org.mailtrail.matcher.security;

import static org.mailtrail.platform.security.Roles.ADMIN;
import static org.mailtrail.platform.security.Roles.DIRECTORY_IMPORTER;
import static org.mailtrail.platform.security.Roles.SALESPERSON;
import static org.mailtrail.platform.security.Roles.SALES_MANAGER;

import org.mailtrail.platform.security.EndpointAuthorization;
import org.mailtrail.platform.security.Permissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class MatcherEndpoints {

    @Bean
    EndpointAuthorization matcherRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/me")
                .access(Permissions.people(SALESPERSON, SALES_MANAGER, DIRECTORY_IMPORTER, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/interactions", "/api/interactions/*",
                        "/api/interactions/*/message", "/api/contacts/*/timeline")
                .access(Permissions.people(SALESPERSON, SALES_MANAGER))
                .requestMatchers(HttpMethod.GET, "/api/directory/contacts/*")
                .access(Permissions.people(SALESPERSON, SALES_MANAGER, DIRECTORY_IMPORTER, ADMIN))
                .requestMatchers(HttpMethod.PUT, "/api/directory/contacts", "/api/directory/salespeople")
                .access(Permissions.people(DIRECTORY_IMPORTER, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/directory", "/api/directory/salespeople/*")
                .access(Permissions.people(DIRECTORY_IMPORTER, ADMIN))
                .requestMatchers(HttpMethod.DELETE, "/api/interactions/*/opportunity")
                .access(Permissions.people(SALES_MANAGER))
                .requestMatchers(HttpMethod.GET, "/api/ledger", "/api/ledger/*", "/api/ledger/*/failures",
                        "/api/ledger/*/rematches", "/api/rematches/*")
                .access(Permissions.people(ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/ledger/*/rematches")
                .access(Permissions.people(ADMIN));
    }
}
