package org.mailtrail.opportunity.security;

import static org.mailtrail.platform.security.Roles.SALESPERSON;
import static org.mailtrail.platform.security.Roles.SALES_MANAGER;

import org.mailtrail.platform.security.EndpointAuthorization;
import org.mailtrail.platform.security.Permissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class OpportunityEndpoints {

    @Bean
    EndpointAuthorization opportunityRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/opportunities", "/api/opportunities/*",
                        "/api/promotions/*").access(Permissions.people(SALESPERSON, SALES_MANAGER))
                .requestMatchers(HttpMethod.PATCH, "/api/opportunities/*")
                .access(Permissions.people(SALESPERSON, SALES_MANAGER))
                .requestMatchers(HttpMethod.POST, "/api/interactions/*/promotions")
                .access(Permissions.people(SALESPERSON, SALES_MANAGER));
    }
}
