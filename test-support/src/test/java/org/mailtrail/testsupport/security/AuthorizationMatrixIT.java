package org.mailtrail.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.platform.security.EndpointAuthorization;
import org.mailtrail.platform.security.Permissions;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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

/**
 * The matrix against the platform's resource server and a real springdoc document: a small application that, like
 * every mailtrail service, only declares its rules as an {@link EndpointAuthorization}, trusting a
 * {@link TestIssuer} of its own. It also shows the matrix failing on a rule the application does not keep.
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

    private static AuthorizationMatrix matrix(int port) {
        return AuthorizationMatrix.of("http://127.0.0.1:" + port, ISSUER).audience("mailtrail")
                .documentRequiresToken()
                .open("POST /graph/notifications")
                .rule("GET /api/interactions", Allowed.roles("salesperson", "sales-manager"))
                .rule("GET /api/interactions/{id}", Allowed.roles("salesperson", "sales-manager"))
                .rule("PUT /api/directory/contacts", Allowed.roles("directory-importer"))
                .rule("GET /internal/messages/{connectionId}/{immutableId}/link",
                        Allowed.service("messages.link", "mailtrail-mail-ingestor"))
                .pathValue("id", "i-1")
                .body("PUT /api/directory/contacts", "application/json", "[]");
    }

    @Test
    void findsEveryOperationGuardedAsRuled(@LocalServerPort int port) {
        matrix(port).rule("DELETE /api/interactions/{id}", Allowed.roles("mailtrail-admin")).verify();
    }

    @Test
    void failsWhenTheApplicationLetsInARoleTheMatrixDoesNotAllow(@LocalServerPort int port) {
        assertThatThrownBy(() -> matrix(port).rule("DELETE /api/interactions/{id}", Allowed.roles("sales-manager"))
                .verify())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE /api/interactions/{id}")
                .hasMessageContaining("role mailtrail-admin");
    }

    @Test
    void leavesTheHealthProbesOpenTheMetricsToAScraperAndNothingElseToAnyone(@LocalServerPort int port)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        for (String path : List.of("/error", "/swagger-ui.html", "/swagger-ui/index.html", "/actuator/info",
                "/no-such-path")) {
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(401);
        }

        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        String person = ISSUER.person("anna", "sales-manager").audience("mailtrail").sign();
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + person).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SecuredApplication.Endpoints.class)
    static class SecuredApplication {

        @Bean
        EndpointAuthorization rules() {
            return requests -> requests
                    .requestMatchers(HttpMethod.POST, "/graph/notifications").permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/interactions", "/api/interactions/*")
                    .access(Permissions.people("salesperson", "sales-manager"))
                    .requestMatchers(HttpMethod.DELETE, "/api/interactions/*")
                    .access(Permissions.people("mailtrail-admin"))
                    .requestMatchers(HttpMethod.PUT, "/api/directory/contacts")
                    .access(Permissions.people("directory-importer"))
                    .requestMatchers(HttpMethod.GET, "/internal/messages/*/*/link")
                    .access(Permissions.service("messages.link"));
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
