package org.mailtrail.config.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;


/**
 * The admin API needs the admin role, the internal API the internal role, both from a bearer JWT; health,
 * metrics, the API description and the OAuth callback (which a browser reaches) are open. Everything else is
 * refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/oauth/callback").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/**").hasRole(properties.adminRole())
                        .requestMatchers("/internal/**").hasRole(properties.internalRole())
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter(properties)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<LocalTokenIssuer> localIssuer) {
        NimbusJwtDecoder decoder;
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
            validators.add(JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
        } else if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
            validators.add(JwtValidators.createDefault());
        } else {
            decoder = NimbusJwtDecoder.withPublicKey(localIssuer.getObject().publicKey()).build();
            validators.add(JwtValidators.createDefaultWithIssuer(LocalTokenIssuer.ISSUER));
        }
        if (properties.audience() != null && !properties.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(properties.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Only when no issuer is configured: a local run signs its own tokens. */
    @Bean
    @ConditionalOnExpression("'${mailtrail.security.issuer-uri:}'.isBlank() and '${mailtrail.security.jwk-set-uri:}'.isBlank()")
    LocalTokenIssuer localTokenIssuer(SecurityProperties properties, Clock clock) {
        return new LocalTokenIssuer(properties, clock);
    }

    /**
     * Hands out the one admin token of a local run, once the service is ready to take it: into the tokens
     * directory when there is one (a launcher reads it there; a copy in the log would outlive the file in every
     * log store), printed otherwise.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> localAdminTokenAnnouncement(ObjectProvider<LocalTokenIssuer> issuer,
            SecurityProperties properties) {
        return event -> issuer.ifAvailable(local -> {
            String admin = local.mintAdmin("local-admin");
            String noIssuer = "No JWT issuer configured (MAILTRAIL_JWT_ISSUER_URI / MAILTRAIL_JWT_JWK_SET_URI): "
                    + "config-service signs its own tokens. For local use only. ";
            if (properties.localTokensDir() != null) {
                local.writeTokens(properties.localTokensDir(), admin, local.mintInternal("local-services"));
                log.warn(noIssuer + "Admin and internal tokens, valid for {}, written to {} (admin.jwt, internal.jwt)",
                        properties.localTokenLifetime(), properties.localTokensDir());
            } else {
                log.warn(noIssuer + "Admin token, valid for {}:\n{}", properties.localTokenLifetime(), admin);
            }
        });
    }

    private static JwtAuthenticationConverter authenticationConverter(SecurityProperties properties) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(properties.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
