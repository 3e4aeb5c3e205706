package org.mailtrail.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

class TokenRulesTest {

    private static final String ISSUER = "https://issuer.example";
    private static final SecurityProperties PROPERTIES = new SecurityProperties(ISSUER, null,
            List.of("mailtrail-matcher", "mailtrail"), "roles", Duration.ofSeconds(60));

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).subject("anna").issuedAt(now)
                .expiresAt(now.plusSeconds(600)).audience(List.of("mailtrail"));
    }

    @Nested
    class Validation {

        private final OAuth2TokenValidator<Jwt> validator = ResourceServerAutoConfiguration.validator(PROPERTIES);

        @Test
        void acceptsATokenOfTheIssuerForOneOfTheAudiences() {
            assertThat(validator.validate(token().build()).hasErrors()).isFalse();
        }

        @Test
        void refusesAnotherIssuerAnotherAudienceNoAudienceAndAnExpiredToken() {
            assertThat(validator.validate(token().issuer("https://other.example").build()).hasErrors()).isTrue();
            assertThat(validator.validate(token().audience(List.of("mailtrail-config-service")).build()).hasErrors())
                    .isTrue();
            assertThat(validator.validate(token().claims(claims -> claims.remove("aud")).build()).hasErrors()).isTrue();
            Instant past = Instant.now().minus(Duration.ofHours(1));
            assertThat(validator.validate(token().issuedAt(past.minusSeconds(600)).expiresAt(past).build()).hasErrors())
                    .isTrue();
        }

        @Test
        void aServiceWithoutIssuerOrAudienceDoesNotStart() {
            assertThatThrownBy(() -> ResourceServerAutoConfiguration.validator(
                    new SecurityProperties(null, null, List.of("mailtrail"), "roles", Duration.ZERO)))
                    .hasMessageContaining("MAILTRAIL_JWT_ISSUER_URI");
            assertThatThrownBy(() -> ResourceServerAutoConfiguration.validator(
                    new SecurityProperties(ISSUER, null, List.of(" "), "roles", Duration.ZERO)))
                    .hasMessageContaining("MAILTRAIL_JWT_AUDIENCES");
        }
    }

    @Nested
    class Authorities {

        private final ResourceServerAutoConfiguration configuration = new ResourceServerAutoConfiguration();

        private Collection<String> authoritiesOf(Jwt jwt) {
            return configuration.jwtAuthenticationConverter(PROPERTIES).convert(jwt).getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_") || authority.startsWith("SCOPE_")).toList();
        }

        @Test
        void rolesBecomeRolesAndScopesScopes() {
            assertThat(authoritiesOf(token().claim("roles", List.of("salesperson")).claim("scope", "openid email")
                    .build())).containsExactlyInAnyOrder("ROLE_salesperson", "SCOPE_openid", "SCOPE_email");
            assertThat(authoritiesOf(token().claim("scp", "messages.link").build())).containsExactly("SCOPE_messages.link");
        }
    }

    @Nested
    class Rules {

        private boolean granted(org.springframework.security.authorization.AuthorizationManager<
                RequestAuthorizationContext> rule, Authentication caller) {
            return rule.authorize(() -> caller, null).isGranted();
        }

        private Authentication caller(Map<String, Object> claims, String... authorities) {
            Jwt jwt = token().claims(all -> all.putAll(claims)).build();
            return new JwtAuthenticationToken(jwt, java.util.Arrays.stream(authorities)
                    .map(org.springframework.security.core.authority.SimpleGrantedAuthority::new).toList());
        }

        @Test
        void aPersonRuleWantsOneOfItsRoles() {
            assertThat(granted(Permissions.people("salesperson", "sales-manager"), caller(Map.of(), "ROLE_sales-manager")))
                    .isTrue();
            assertThat(granted(Permissions.people("salesperson"), caller(Map.of(), "ROLE_mailtrail-admin"))).isFalse();
        }

        @Test
        void aServiceRuleWantsTheServiceRoleAndThePermissionAsScopeOrAppRole() {
            assertThat(granted(Permissions.service("messages.link"),
                    caller(Map.of(), "ROLE_mailtrail-service", "SCOPE_messages.link"))).isTrue();
            assertThat(granted(Permissions.service("messages.link"),
                    caller(Map.of(), "ROLE_mailtrail-service", "ROLE_messages.link"))).as("Entra's app roles").isTrue();
            assertThat(granted(Permissions.service("messages.link"),
                    caller(Map.of(), "ROLE_mailtrail-service", "SCOPE_connections.token"))).isFalse();
            assertThat(granted(Permissions.service("messages.link"), caller(Map.of(), "SCOPE_messages.link")))
                    .as("a person's token that asked for the scope").isFalse();
        }

        @Test
        void onlyATokenCounts() {
            assertThat(granted(Permissions.people("salesperson"),
                    new TestingAuthenticationToken("anna", "password", "ROLE_salesperson"))).isFalse();
        }
    }

    @Test
    void aServiceAsksForThePermissionOrTheScopeConfiguredForIt() {
        ServiceClientProperties plain = new ServiceClientProperties("https://issuer/token", "ingestor", "s", null);
        ServiceClientProperties entra = new ServiceClientProperties("https://issuer/token", "ingestor", "s",
                "metrics.read=api://m/.default, connections.token=api://mailtrail-config-service/.default");

        assertThat(plain.scopeFor("connections.token")).isEqualTo("connections.token");
        assertThat(entra.scopeFor("connections.token")).isEqualTo("api://mailtrail-config-service/.default");
        assertThat(entra.scopeFor("messages.link")).isEqualTo("messages.link");
    }
}
