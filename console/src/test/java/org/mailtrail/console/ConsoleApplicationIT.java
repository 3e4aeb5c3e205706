package org.mailtrail.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.security.TestIssuer;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console as a visitor who has not signed in meets it, and as an operator's probes and scraper do: every page
 * sends the visitor to sign in at the issuer (authorization code with PKCE), a page's own htmx request is told to
 * load the page again, and the actuator answers as every service's does.
 */
@IntegrationTest(properties = {
        "mailtrail.console.sign-in.issuer-uri=${mailtrail.security.issuer-uri}",
        "mailtrail.console.sign-in.client-secret=console-test-secret" })
class ConsoleApplicationIT {

    /** The pages anyone may see: the page that says one is signed out, and the container's error page. */
    private static final Set<String> OPEN = Set.of("/signed-out", "/error");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPageSendsAVisitorWhoHasNotSignedInToTheIssuer() throws Exception {
        List<String> pages = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                info.getPatternValues().stream().filter(path -> !OPEN.contains(path))
                        .map(path -> path.replaceAll("\\{[^}]+}", "x")).forEach(pages::add);
            }
        });
        assertThat(pages).contains("/", "/log");

        for (String page : pages) {
            HttpResponse<String> response = get(page, null);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page)
                    .hasValue("http://127.0.0.1:" + port + "/oauth2/authorization/mailtrail");
        }
    }

    @Test
    void everyFormPostWithoutASessionIsRefused() throws Exception {
        List<String> posts = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                info.getPatternValues().stream().map(path -> path.replaceAll("\\{[^}]+}", "x")).forEach(posts::add);
            }
        });
        for (String path : posts) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path))
                    .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                    .header("Content-Type", "application/x-www-form-urlencoded").build(),
                    HttpResponse.BodyHandlers.ofString());
            // No session, so no CSRF token: refused before anything is read.
            assertThat(response.statusCode()).as(path).isIn(302, 403);
        }
    }

    @Test
    void signsInWithTheAuthorizationCodeFlowAndPkceAtTheIssuer() throws Exception {
        HttpResponse<String> response = get("/oauth2/authorization/mailtrail", null);

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(TestIssuer.shared().issuerUri() + "/authorize?")
                .contains("response_type=code", "client_id=mailtrail-console", "code_challenge_method=S256",
                        "code_challenge=", "scope=openid%20profile%20email",
                        "redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/mailtrail");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("MAILTRAIL_CONSOLE=").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void tellsAPagesOwnRequestToLoadThePageAgainWhenTheSessionHasEnded() throws Exception {
        HttpResponse<String> response = get("/log", "true");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("HX-Redirect")).hasValue("/");
    }

    @Test
    void servesItsProbesOpenlyAndItsMetricsToAScrapersTokenOnly() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);

        HttpResponse<String> person = http.send(HttpRequest.newBuilder(url("/actuator/prometheus"))
                .header("Authorization", "Bearer " + Tokens.person("anna", "salesperson")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(person.statusCode()).isEqualTo(401);

        HttpResponse<String> scraper = http.send(HttpRequest.newBuilder(url("/actuator/prometheus"))
                .header("Authorization", "Bearer " + Tokens.metrics()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scraper.statusCode()).isEqualTo(200);
        assertThat(scraper.body()).contains("application=\"console\"");
    }

    private HttpResponse<String> get(String path, String htmx) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (htmx != null) {
            request.header("HX-Request", htmx);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
