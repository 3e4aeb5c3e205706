package org.mailtrail.config.issuer;

import java.util.Set;

import org.mailtrail.config.issuer.domain.IssuerUsers;
import org.mailtrail.config.issuer.domain.SigningKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The authorization server's own filter chain, ahead of the API's: it answers only the authorization server's
 * endpoints ({@code /oauth2/**}, {@code /.well-known/**}, {@code /userinfo}, {@code /connect/**}), the login and
 * logout pages and the login page's stylesheet; every other request goes on to the API's chain. People sign in
 * with a form (a session, hence sticky sessions between replicas for that step); the userinfo endpoint takes the
 * issuer's own access tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mailtrail.issuer.enabled")
class IssuerSecurityConfiguration {

    private static final String[] SIGN_IN_PAGES = { "/login", "/logout", "/default-ui.css" };

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain issuerSecurity(HttpSecurity http, IssuerUsers users, SigningKeys keys,
            IssuerProperties properties) throws Exception {
        DaoAuthenticationProvider people = new DaoAuthenticationProvider(users.userDetailsService());
        people.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), signInPages()));
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.requestMatchers(SIGN_IN_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .authenticationProvider(people)
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(ownTokens(keys, properties.url()))))
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    private static RequestMatcher signInPages() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] pages = new RequestMatcher[SIGN_IN_PAGES.length];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = paths.matcher(SIGN_IN_PAGES[i]);
        }
        return new OrRequestMatcher(pages);
    }

    /**
     * Verifies the issuer's tokens against its published keys. Not a bean: the API's chain has its decoder, for
     * the issuer the service is configured to trust.
     */
    private static JwtDecoder ownTokens(SigningKeys keys, String issuer) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.publishedSource()));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
