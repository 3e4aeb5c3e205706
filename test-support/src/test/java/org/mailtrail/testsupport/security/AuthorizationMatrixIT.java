package org.mailtrail.testsupport.security;

import static org.springframework.security.authorization.AuthorizationManagers.allOf;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The matrix against real Spring Security and a real springdoc document: a small application secured the way the
 * mailtrail services are (issuer discovery, audiences, the {@code roles} claim, scopes for services, problem+json for
 * 401 and 403), trusting a {@link TestIssuer}.
 */
@IntegrationTest(classes = AuthorizationMatrixIT.SecuredApplication.class)
class AuthorizationMatrixIT {

    private static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("mailtrail.security.issuer-uri", ISSUER::issuerUri);
        registry.add("mailtrail.security.audiences", () -> "mailtrail,mailtrail-mail-ingestor");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void findsEveryOperationGuardedAsRuled(@LocalServerPort int port) {
        AuthorizationMatrix.of("http://127.0.0.1:" + port, ISSUER)
                .audience("mailtrail")
                .open("POST /graph/notifications")
                .rule("GET /api/interactions", Allowed.roles("salesperson", "sales-manager"))
                .rule("GET /api/interactions/{id}", Allowed.roles("salesperson", "sales-manager"))
                .rule("DELETE /api/interactions/{id}", Allowed.roles("mailtrail-admin"))
                .rule("PUT /api/directory/contacts", Allowed.roles("directory-importer"))
                .rule("GET /internal/messages/{connectionId}/{immutableId}/link",
                        Allowed.service("messages.link", "mailtrail-mail-ingestor"))
                .pathValue("id", "i-1")
                .body("PUT /api/directory/contacts", "application/json", "[]")
                .verify();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @Import(SecuredApplication.Endpoints.class)
    static class SecuredApplication {

        @Bean
        SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder) throws Exception {
            Problems problems = new Problems();
            http.csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                            .requestMatchers(HttpMethod.POST, "/graph/notifications").permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/interactions", "/api/interactions/*")
                            .hasAnyRole("salesperson", "sales-manager")
                            .requestMatchers(HttpMethod.DELETE, "/api/interactions/*").hasRole("mailtrail-admin")
                            .requestMatchers(HttpMethod.PUT, "/api/directory/contacts").hasRole("directory-importer")
                            .requestMatchers(HttpMethod.GET, "/internal/messages/**")
                            .access(allOf(hasRole("mailtrail-service"), hasAuthority("SCOPE_messages.link")))
                            .anyRequest().denyAll())
                    .oauth2ResourceServer(server -> server
                            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authorities()))
                            .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                            .accessDeniedHandler(problems))
                    .httpBasic(basic -> basic.disable())
                    .formLogin(form -> form.disable());
            return http.build();
        }

        @Bean
        JwtDecoder jwtDecoder(@Value("${mailtrail.security.issuer-uri}") String issuer,
                @Value("${mailtrail.security.audiences}") List<String> audiences) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<List<String>>("aud",
                            aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
            return decoder;
        }

        private static JwtAuthenticationConverter authorities() {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName("roles");
            roles.setAuthorityPrefix("ROLE_");
            JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> {
                Collection<GrantedAuthority> all = new ArrayList<>(roles.convert(jwt));
                all.addAll(scopes.convert(jwt));
                return all;
            });
            return converter;
        }

        /** The challenge of RFC 6750 in the header, an RFC 9457 problem in the body. */
        static class Problems implements AuthenticationEntryPoint, AccessDeniedHandler {

            private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
            private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

            @Override
            public void commence(HttpServletRequest request, HttpServletResponse response,
                    AuthenticationException failure) throws IOException {
                challenge.commence(request, response, failure);
                write(response, 401, "Unauthorized");
            }

            @Override
            public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
                    throws IOException {
                denied.handle(request, response, failure);
                write(response, 403, "Forbidden");
            }

            private static void write(HttpServletResponse response, int status, String title) throws IOException {
                response.setStatus(status);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title
                        + "\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8));
            }
        }

        @RestController
        static class Endpoints {

            @GetMapping("/api/interactions")
            List<Map<String, String>> interactions() {
                return List.of(Map.of("id", "i-1"));
            }

            @GetMapping("/api/interactions/{id}")
            Map<String, String> interaction(@PathVariable String id) {
                if (!id.equals("i-1")) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                return Map.of("id", id);
            }

            @DeleteMapping("/api/interactions/{id}")
            @ResponseStatus(HttpStatus.NO_CONTENT)
            void forget(@PathVariable String id) {
            }

            @PutMapping("/api/directory/contacts")
            @ResponseStatus(HttpStatus.NO_CONTENT)
            void importContacts(@RequestBody List<Map<String, String>> contacts) {
            }

            @GetMapping("/internal/messages/{connectionId}/{immutableId}/link")
            Map<String, String> link(@PathVariable String connectionId, @PathVariable String immutableId) {
                return Map.of("webLink", "https://outlook.example/" + immutableId);
            }

            @PostMapping("/graph/notifications")
            @ResponseStatus(HttpStatus.ACCEPTED)
            void notifications(@RequestBody(required = false) Map<String, Object> notifications) {
            }
        }
    }
}
