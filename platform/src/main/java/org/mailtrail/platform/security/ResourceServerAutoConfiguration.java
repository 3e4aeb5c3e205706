package org.mailtrail.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.DispatcherType;

/**
 * Makes every servlet service a resource server of the one trusted issuer. Health probes are open (the platform's
 * probes carry no token); the API description needs any valid token, the metrics a scraper's; everything else needs
 * what the service's {@link EndpointAuthorization} rules say, and what they do not name is refused (Swagger UI's
 * page too: the API description it would load needs a token).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** Prometheus scrapes with a client-credentials token granted this permission. */
    public static final String METRICS_PERMISSION = "metrics.read";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<EndpointAuthorization> rules,
            JwtAuthenticationConverter authentication) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers("/actuator/prometheus").access(Permissions.service(METRICS_PERMISSION))
                            .requestMatchers("/actuator/info").access(Permissions.anyCaller())
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**").access(Permissions.anyCaller())
                            // The container's own error answers (a body over the limit, say) may be rendered; a
                            // request for /error itself is refused like any other unnamed path.
                            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.orderedStream().forEach(rule -> rule.authorize(requests));
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * Issuer, audience and lifetime are always checked. The decoder finds its keys on first use, so a service starts
     * while its issuer is not up yet (or is the service itself); a token it cannot verify then is refused, not
     * accepted.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = present(properties.jwkSetUri())
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                    : NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** What every token must satisfy besides its signature: lifetime, issuer, audience. */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        properties.requireComplete();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuerUri()));
        validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(properties.audiences()::contains)));
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Roles from the roles claim become {@code ROLE_…}, scopes ({@code scope} or {@code scp}) {@code SCOPE_…}. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties properties) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(properties.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> granted = new ArrayList<>(roles.convert(jwt));
            granted.addAll(scopes.convert(jwt));
            return granted;
        });
        return converter;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
