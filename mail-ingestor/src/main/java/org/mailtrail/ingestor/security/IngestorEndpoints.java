package org.mailtrail.ingestor.security;

import org.mailtrail.platform.security.EndpointAuthorization;
import org.mailtrail.platform.security.Permissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class IngestorEndpoints {

    /** The permission the matcher's token must carry to ask for a mail's current link. */
    static final String LINK_PERMISSION = "messages.link";

    /** The permission the matcher's token must carry to read an IMAP mail's content. */
    static final String READ_PERMISSION = "messages.read";

    @Bean
    EndpointAuthorization ingestorRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/graph/notifications", "/graph/lifecycle").permitAll()
                .requestMatchers(HttpMethod.GET, "/internal/messages/*/*/link")
                .access(Permissions.service(LINK_PERMISSION))
                .requestMatchers(HttpMethod.GET, "/internal/messages/*/*/content")
                .access(Permissions.service(READ_PERMISSION));
    }
}
