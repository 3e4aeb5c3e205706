package org.mailtrail.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The matrix against a fake service whose policy is right, or wrong in one known way. */
class AuthorizationMatrixTest {

    private static final Map<String, Allowed> RULES = rules();
    private static final String WEBHOOK = "POST /graph/notifications";
    private static final FakeService.Policy RIGHT = new FakeService.Policy(RULES, Set.of(WEBHOOK), true);

    private static TestIssuer issuer;

    private static Map<String, Allowed> rules() {
        Map<String, Allowed> rules = new LinkedHashMap<>();
        rules.put("GET /api/interactions", Allowed.roles("salesperson", "sales-manager"));
        rules.put("GET /api/interactions/{id}", Allowed.roles("salesperson", "sales-manager"));
        rules.put("GET /api/opportunities/{opportunityId}", Allowed.roles("sales-manager"));
        rules.put("DELETE /api/opportunities/{opportunityId}", Allowed.nobody());
        rules.put("PUT /api/directory/contacts", Allowed.roles("directory-importer", "mailtrail-admin"));
        rules.put("POST /api/admin/reindex/{generation}", Allowed.roles("mailtrail-admin", "mailtrail-service"));
        rules.put("GET /internal/messages/{connectionId}/{immutableId}/link",
                Allowed.service("messages.link", "mailtrail-mail-ingestor"));
        return Map.copyOf(rules);
    }

    @BeforeAll
    static void startIssuer() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void passesAServiceThatAnswersAsTheMatrixSays() {
        try (FakeService service = FakeService.start(issuer, RIGHT)) {
            assertThatCode(() -> matrix(service, RULES).verify()).doesNotThrowAnyException();
        }
    }

    @Test
    void sendsThePathValuesAndBodiesGiven() {
        try (FakeService service = FakeService.start(issuer, RIGHT)) {
            matrix(service, RULES).pathValue("id", "i 1").body("PUT /api/directory/contacts", "application/json",
                    "[{\"email\":\"bob@contoso.example\"}]").verify();

            assertThat(service.permittedCalls())
                    .contains("GET /api/interactions/i%201 null ")
                    .contains("PUT /api/directory/contacts application/json [{\"email\":\"bob@contoso.example\"}]")
                    .contains("POST /graph/notifications application/json {}")
                    .contains("GET /api/opportunities/00000000-0000-4000-8000-000000000001 null ")
                    .contains("POST /api/admin/reindex/1 null ");
        }
    }

    @Test
    void reportsAnEndpointMissingFromTheMatrix() {
        Map<String, Allowed> withoutReindex = new LinkedHashMap<>(RULES);
        withoutReindex.remove("POST /api/admin/reindex/{generation}");

        assertThat(failureOf(RIGHT, matrix -> matrix, withoutReindex))
                .contains("endpoint not in the authorization matrix: POST /api/admin/reindex/{generation}");
    }

    @Test
    void reportsARuleForAnOperationTheServiceDoesNotHave() {
        Map<String, Allowed> withStaleRule = new LinkedHashMap<>(RULES);
        withStaleRule.put("DELETE /api/interactions/{id}", Allowed.roles("mailtrail-admin"));

        assertThat(failureOf(RIGHT, matrix -> matrix, withStaleRule))
                .containsPattern("DELETE /api/interactions/\\{id} +\\| in the API document .*stale rule");
    }

    @Test
    void reportsAnEndpointThatAnswersWithoutAToken() {
        String failure = failureOf(RIGHT.opening("GET /api/interactions"), matrix -> matrix, RULES);

        assertThat(failure)
                .containsPattern("GET /api/interactions +\\| no Authorization header +\\| 401 .*\\| 200")
                .containsPattern("GET /api/interactions +\\| token signed by a stranger's key +\\| 401 .*\\| 200")
                .containsPattern("GET /api/interactions +\\| role directory-importer +\\| 403 problem\\+json +\\| 200");
    }

    @Test
    void reportsARoleLetThroughThatTheMatrixRefuses() {
        String failure = failureOf(RIGHT.ruling("GET /api/opportunities/{opportunityId}",
                Allowed.roles("sales-manager", "salesperson")), matrix -> matrix, RULES);

        assertThat(failure).contains("1 mismatch ").containsPattern(
                "GET /api/opportunities/\\{opportunityId} +\\| role salesperson +\\| 403 problem\\+json +\\| 200");
    }

    @Test
    void reportsAnAllowedRoleThatTheServiceRefuses() {
        String failure = failureOf(RIGHT.ruling("PUT /api/directory/contacts", Allowed.roles("mailtrail-admin")),
                matrix -> matrix, RULES);

        assertThat(failure).containsPattern(
                "PUT /api/directory/contacts +\\| role directory-importer +\\| neither 401 nor 403 +\\| 403");
    }

    @Test
    void reportsAServiceTokenLetInWithoutItsScope() {
        String failure = failureOf(RIGHT.ruling("GET /internal/messages/{connectionId}/{immutableId}/link",
                Allowed.roles("mailtrail-service")), matrix -> matrix, RULES);

        assertThat(failure).contains("role mailtrail-service without scope messages.link").contains("| 200");
    }

    @Test
    void reportsAnOpenEndpointThatAsksForAToken() {
        String failure = failureOf(RIGHT.ruling(WEBHOOK, Allowed.roles("mailtrail-admin")), matrix -> matrix, RULES);

        assertThat(failure).containsPattern(
                "POST /graph/notifications +\\| no Authorization header +\\| neither 401 nor 403 \\(open\\) +\\| 401");
    }

    @Test
    void reportsUnauthorizedAnswersThatAreNotProblemDetailsWithABearerChallenge() {
        String failure = failureOf(RIGHT.withoutProblemDetails(), matrix -> matrix, RULES);

        assertThat(failure).contains("401, Content-Type text/plain, no WWW-Authenticate");
    }

    @Test
    void reportsEveryMismatchInOneTable() {
        Map<String, Allowed> rules = new LinkedHashMap<>(RULES);
        rules.remove("POST /api/admin/reindex/{generation}");
        rules.put("GET /api/contacts", Allowed.roles("salesperson"));
        FakeService.Policy wrong = RIGHT.opening("GET /api/interactions")
                .ruling("GET /api/opportunities/{opportunityId}", Allowed.roles("sales-manager", "salesperson"));

        String failure = failureOf(wrong, matrix -> matrix, rules);

        assertThat(failure).contains("endpoint not in the authorization matrix: POST /api/admin/reindex/{generation}")
                .contains("GET /api/contacts").contains("stale rule")
                .containsPattern("GET /api/interactions +\\| no Authorization header")
                .containsPattern("GET /api/opportunities/\\{opportunityId} +\\| role salesperson");
    }

    @Test
    void refusesARoleNobodyHas() {
        assertThatThrownBy(() -> Allowed.roles("salesman")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salesman");
    }

    @Test
    void refusesAnOperationWrittenWithoutItsMethod() {
        assertThatThrownBy(() -> AuthorizationMatrix.of("http://127.0.0.1:1", issuer).rule("/api/interactions",
                Allowed.roles("salesperson"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String failureOf(FakeService.Policy policy, UnaryOperator<AuthorizationMatrix> tweak,
            Map<String, Allowed> rules) {
        try (FakeService service = FakeService.start(issuer, policy)) {
            AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> tweak.apply(matrix(service, rules)).verify());
            return failure.getMessage();
        }
    }

    private static AuthorizationMatrix matrix(FakeService service, Map<String, Allowed> rules) {
        AuthorizationMatrix matrix = AuthorizationMatrix.of(service.baseUrl(), issuer).audience("mailtrail")
                .open(WEBHOOK);
        rules.forEach(matrix::rule);
        return matrix;
    }
}
