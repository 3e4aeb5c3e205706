package org.mailtrail.testsupport.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A service as small as the matrix needs: it publishes a hand-written OpenAPI document and guards its operations by a
 * {@link Policy}, checking tokens as the real services do (discovery, signature, issuer, audience, expiry). A test gives
 * it the right policy, or a wrong one, and sees what the matrix makes of it.
 */
final class FakeService implements AutoCloseable {

    static final List<String> AUDIENCES = List.of("mailtrail", "mailtrail-mail-ingestor");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final JwtDecoder decoder;
    private final Policy policy;
    private final byte[] apiDocs;
    /** The permitted calls, as {@code METHOD /path content-type body}. */
    private final List<String> permitted = new CopyOnWriteArrayList<>();

    private FakeService(TestIssuer issuer, Policy policy) throws IOException {
        this.policy = policy;
        try (InputStream in = FakeService.class.getResourceAsStream("/security/fake-service-api-docs.json")) {
            this.apiDocs = in.readAllBytes();
        }
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer.issuerUri()), new JwtClaimValidator<List<String>>("aud",
                        aud -> aud != null && aud.stream().anyMatch(AUDIENCES::contains))));
        this.decoder = nimbus;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeService start(TestIssuer issuer, Policy policy) {
        try {
            return new FakeService(issuer, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> permittedCalls() {
        return permitted;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals("/v3/api-docs")) {
                send(exchange, 200, "application/json", apiDocs);
                return;
            }
            Optional<String> operation = policy.operations().stream()
                    .filter(candidate -> matches(candidate, method, path)).findFirst();
            if (operation.isEmpty()) {
                send(exchange, 404, "application/problem+json", problem(404, "Not Found"));
                return;
            }
            if (policy.open().contains(operation.get())) {
                permit(exchange, method, path, body);
                return;
            }
            Jwt jwt;
            try {
                jwt = decoder.decode(bearerToken(exchange).orElseThrow(() -> new JwtException("no bearer token")));
            } catch (JwtException e) {
                unauthorized(exchange);
                return;
            }
            if (allows(policy.rules().get(operation.get()), jwt)) {
                permit(exchange, method, path, body);
            } else {
                send(exchange, 403, "application/problem+json", problem(403, "Forbidden"));
            }
        }
    }

    private static boolean allows(Allowed allowed, Jwt jwt) {
        List<String> roles = Optional.ofNullable(jwt.getClaimAsStringList("roles")).orElse(List.of());
        if (roles.stream().anyMatch(allowed::allows)) {
            return true;
        }
        List<String> scopes = Arrays.asList(Optional.ofNullable(jwt.getClaimAsString("scope")).orElse("").split(" "));
        return allowed.service().filter(grant -> roles.contains(Allowed.SERVICE_ROLE)
                && scopes.contains(grant.scope()) && jwt.getAudience().contains(grant.audience())).isPresent();
    }

    private void permit(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        permitted.add(method + " " + path + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(body, StandardCharsets.UTF_8));
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void unauthorized(HttpExchange exchange) throws IOException {
        if (policy.problemDetails()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(exchange, 401, "application/problem+json", problem(401, "Unauthorized"));
        } else {
            send(exchange, 401, "text/plain", "Unauthorized".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> bearerToken(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .filter(value -> value.startsWith("Bearer ")).map(value -> value.substring("Bearer ".length()));
    }

    private static boolean matches(String operation, String method, String path) {
        String[] parts = operation.split(" ", 2);
        String template = Pattern.quote(parts[1]).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        return parts[0].equals(method) && path.matches(template);
    }

    private static byte[] problem(int status, String title) {
        return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Who the fake service lets in, per operation; {@code problemDetails} false makes its 401s bare text. */
    record Policy(Map<String, Allowed> rules, Set<String> open, boolean problemDetails) {

        Policy {
            rules = Map.copyOf(rules);
            open = Set.copyOf(open);
        }

        Set<String> operations() {
            Set<String> operations = new LinkedHashSet<>(open);
            operations.addAll(rules.keySet());
            return operations;
        }

        Policy ruling(String operation, Allowed allowed) {
            Map<String, Allowed> changed = new LinkedHashMap<>(rules);
            changed.put(operation, allowed);
            Set<String> stillOpen = new LinkedHashSet<>(open);
            stillOpen.remove(operation);
            return new Policy(changed, stillOpen, problemDetails);
        }

        Policy opening(String operation) {
            Map<String, Allowed> changed = new LinkedHashMap<>(rules);
            changed.remove(operation);
            Set<String> opened = new LinkedHashSet<>(open);
            opened.add(operation);
            return new Policy(changed, opened, problemDetails);
        }

        Policy withoutProblemDetails() {
            return new Policy(rules, open, false);
        }
    }
}
