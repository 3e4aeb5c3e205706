package org.mailtrail.console.testing;

import org.junit.jupiter.api.BeforeEach;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import jakarta.servlet.Filter;

/**
 * The running console, its pages asked for through its security filters, against config-service,
 * interaction-matcher and opportunity-service played by stubs on one real HTTP server (every service's URL is that
 * server's: their paths do not collide). The server is one for the test JVM, so that test classes may share a
 * console; each test starts with no answers and no requests recorded.
 */
public abstract class PagesAgainstStubs {

    /** The stub services the console calls. */
    protected static final StubServices services = StubServices.start();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "stub services"));
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    ClientRegistrationRepository registrations;
    @Autowired
    OAuth2AuthorizedClientService authorizedClients;

    protected MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) {
        properties.add("mailtrail.console.config-service-url", services::url);
        properties.add("mailtrail.console.matcher-url", services::url);
        properties.add("mailtrail.console.opportunity-url", services::url);
        properties.add("mailtrail.console.sign-in.issuer-uri", () -> TestIssuer.shared().issuerUri());
        properties.add("mailtrail.console.sign-in.client-secret", () -> "console-secret");
    }

    @BeforeEach
    void console() {
        services.reset();
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    /** A person signed in to the console, whom the matcher's {@code /api/me} answers as {@code me}. */
    protected SignedIn signedIn(String subject, String name, String me) {
        services.on("GET", "/api/me", 200, me);
        return SignedIn.as(subject, name, registrations, authorizedClients);
    }
}
