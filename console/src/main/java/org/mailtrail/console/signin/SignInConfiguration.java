package org.mailtrail.console.signin;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every page needs a signed-in person; the actuator's paths are left to the platform's resource-server chain (open
 * probes, metrics for a scraper's token). The person's access and refresh tokens stay on the server, keyed by the
 * person, and are what the console calls the services with.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    static final String SIGN_IN = "/oauth2/authorization/" + IssuerRegistrations.REGISTRATION;

    @Bean
    IssuerRegistrations clientRegistrations(SignInProperties properties) {
        return new IssuerRegistrations(properties);
    }

    @Bean
    OAuth2AuthorizedClientService authorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }

    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository(OAuth2AuthorizedClientService clients) {
        return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(clients);
    }

    /** Works on any thread given the person (a live page's checks run off the request thread). */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    WebMvcConfigurer signedOutPage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/signed-out").setViewName("signed-out");
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, IssuerRegistrations registrations) throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        // An issuer without RP-initiated logout: the console's own session ends, the page says so.
        signedOut.setDefaultTargetUrl("/signed-out");
        http.securityMatcher(request -> !request.getRequestURI().startsWith(request.getContextPath() + "/actuator"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/signed-out", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage(SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver)))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint()))
                .addFilterBefore(new IssuerUnavailablePage(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
        return http.build();
    }

    /**
     * A page asks the issuer; a request htmx makes from a page whose session ended is told to load the page again
     * (following the redirect itself would take the XHR to the issuer's sign-in page).
     */
    private static AuthenticationEntryPoint entryPoint() {
        AuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN);
        return (request, response, exception) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/");
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                return;
            }
            page.commence(request, response, exception);
        };
    }

    /**
     * A sign-in while the issuer does not answer ends on a page that says so, with 503 (the redirect filter itself
     * would answer any failure with 500).
     */
    private static final class IssuerUnavailablePage extends OncePerRequestFilter {

        private final IssuerRegistrations registrations;

        IssuerUnavailablePage(IssuerRegistrations registrations) {
            this.registrations = registrations;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/")) {
                try {
                    registrations.registration();
                } catch (IssuerUnavailableException e) {
                    logger.warn(e.getMessage());
                    response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), "The sign-in service does not answer.");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
