package org.mailtrail.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's say on who may call which of its endpoints. Every bean of this type adds its rules to the one filter
 * chain; a request no rule names is refused.
 */
@FunctionalInterface
public interface EndpointAuthorization {

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
