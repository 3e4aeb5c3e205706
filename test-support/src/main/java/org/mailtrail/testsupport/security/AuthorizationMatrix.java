package org.mailtrail.testsupport.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves that no endpoint of a running service escapes authorization. It reads the service's OpenAPI document, demands
 * a rule (or an explicit {@link #open}) for every operation in it, and calls each ruled operation with every way a
 * token can be wrong (expecting 401) and with each role (expecting 403 when the rule refuses it, neither 401 nor 403
 * when it allows it). It checks authorization, not behaviour: an allowed call may answer 200, 400 or 404.
 *
 * <pre>{@code
 * AuthorizationMatrix.of("http://127.0.0.1:" + port, issuer)
 *     .audience("mailtrail")
 *     .open("POST /graph/notifications")
 *     .rule("GET /api/interactions", Allowed.roles("salesperson", "sales-manager"))
 *     .rule("GET /internal/messages/{connectionId}/{immutableId}/link",
 *           Allowed.service("messages.link", "mailtrail-mail-ingestor"))
 *     .pathValue("connectionId", "c-1")
 *     .body("PUT /api/directory/contacts", "application/json", "[]")
 *     .verify();
 * }</pre>
 *
 * {@link #verify()} fails with one table of every mismatch. Operations are written {@code "METHOD /path/{variable}"},
 * exactly as the document spells the path.
 */
public final class AuthorizationMatrix {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern OPERATION = Pattern.compile("([A-Z]+) (/\\S*)");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Past the 60 seconds of clock skew every service allows. */
    private static final Duration LONG_EXPIRED = Duration.ofMinutes(5);
    private static final String UNRELATED_SCOPE = "matrix.unrelated";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final TestIssuer issuer;
    private final Map<String, Allowed> rules = new LinkedHashMap<>();
    private final Set<String> open = new LinkedHashSet<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, Body> bodies = new LinkedHashMap<>();
    private String audience;
    private String serviceAudience;
    private String apiDocsPath = "/v3/api-docs";
    private boolean documentRequiresToken;

    private AuthorizationMatrix(String baseUrl, TestIssuer issuer) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.issuer = issuer;
    }

    /**
     * @param baseUrl where the service listens, such as {@code http://127.0.0.1:8080}
     * @param issuer the issuer the service trusts ({@code mailtrail.security.issuer-uri})
     */
    public static AuthorizationMatrix of(String baseUrl, TestIssuer issuer) {
        return new AuthorizationMatrix(baseUrl, issuer);
    }

    /** The audience people's tokens carry for this service, one of its {@code mailtrail.security.audiences}. Required. */
    public AuthorizationMatrix audience(String audience) {
        this.audience = audience;
        return this;
    }

    /**
     * The audience of service tokens that a rule grants by role rather than by {@link Allowed#service scope}, and of
     * the service token that must be refused where services are not allowed; {@link #audience} when not given.
     */
    public AuthorizationMatrix serviceAudience(String audience) {
        this.serviceAudience = audience;
        return this;
    }

    /** The API document itself answers 401 without a token (mailtrail's services: it needs any valid token). */
    public AuthorizationMatrix documentRequiresToken() {
        this.documentRequiresToken = true;
        return this;
    }

    /** Where the OpenAPI document is, {@code /v3/api-docs} unless given. */
    public AuthorizationMatrix apiDocs(String path) {
        this.apiDocsPath = path;
        return this;
    }

    /** Operations that need no token, such as a webhook: called without one, they must answer neither 401 nor 403. */
    public AuthorizationMatrix open(String... operations) {
        for (String operation : operations) {
            String key = operation(operation);
            if (rules.containsKey(key)) {
                throw new IllegalArgumentException(key + " is both open and ruled");
            }
            open.add(key);
        }
        return this;
    }

    public AuthorizationMatrix rule(String operation, Allowed allowed) {
        String key = operation(operation);
        if (open.contains(key) || rules.containsKey(key)) {
            throw new IllegalArgumentException(key + " is in the matrix already");
        }
        rules.put(key, allowed);
        return this;
    }

    /** The value of a path variable in every operation; a placeholder of the variable's type otherwise. */
    public AuthorizationMatrix pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The body to send to an operation; {@code {}} as JSON by default when the operation takes a body. */
    public AuthorizationMatrix body(String operation, String contentType, String body) {
        bodies.put(operation(operation), new Body(contentType, body));
        return this;
    }

    /** Calls the service as described above; throws an {@link AssertionError} listing every mismatch. */
    public void verify() {
        if (audience == null) {
            throw new IllegalStateException("audience(...) is required: the audience people's tokens carry");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        Map<String, Documented> document = readDocument(client);
        List<Mismatch> mismatches = new ArrayList<>();

        document.keySet().stream().filter(key -> !rules.containsKey(key) && !open.contains(key))
                .forEach(key -> mismatches.add(new Mismatch(key, "listed in the matrix", "a rule or open(...)",
                        "endpoint not in the authorization matrix: " + key)));
        staleKeys(rules.keySet(), document, "rule", mismatches);
        staleKeys(open, document, "open(...)", mismatches);
        staleKeys(bodies.keySet(), document, "body(...)", mismatches);

        for (Documented operation : document.values()) {
            List<Probe> probes = open.contains(operation.key())
                    ? List.of(new Probe("no Authorization header", null, Expectation.NOT_REFUSED))
                    : rules.containsKey(operation.key()) ? probes(rules.get(operation.key())) : List.of();
            for (Probe probe : probes) {
                send(client, operation, probe).ifPresent(actual -> mismatches
                        .add(new Mismatch(operation.key(), probe.name(), probe.expected().description, actual)));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new AssertionError(table(mismatches, document.size()));
        }
    }

    private static void staleKeys(Set<String> keys, Map<String, Documented> document, String what,
            List<Mismatch> mismatches) {
        keys.stream().filter(key -> !document.containsKey(key)).forEach(key -> mismatches.add(new Mismatch(key,
                "in the API document", "the operation of a " + what, "stale " + what + ": no such operation")));
    }

    private Map<String, Documented> readDocument(HttpClient client) {
        HttpResponse<String> response;
        try {
            if (documentRequiresToken) {
                int anonymous = client.send(HttpRequest.newBuilder(URI.create(baseUrl + apiDocsPath)).timeout(TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (anonymous != 401) {
                    throw new AssertionError("the API document at " + baseUrl + apiDocsPath + " answered " + anonymous
                            + " without a token; it wants one (401)");
                }
            }
            // Any valid token reads the document: it describes the API, not its data.
            String reader = issuer.person("matrix-reader", "salesperson").audience(audience).sign();
            response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + apiDocsPath)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + reader).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("could not read the API document at " + baseUrl + apiDocsPath, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the API document", e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("the API document at " + baseUrl + apiDocsPath + " answered "
                    + response.statusCode() + " to a token of the audience " + audience);
        }
        JsonNode paths = JSON.readTree(response.body()).path("paths");
        Map<String, Documented> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (!operation.isMissingNode()) {
                    Documented documented = documented(method.toUpperCase(Locale.ROOT), path.getKey(),
                            path.getValue(), operation);
                    operations.put(documented.key(), documented);
                }
            }
        }
        if (operations.isEmpty()) {
            throw new AssertionError("the API document at " + baseUrl + apiDocsPath + " lists no operation");
        }
        return operations;
    }

    private Documented documented(String method, String path, JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                if ("path".equals(parameter.path("in").asString(""))) {
                    schemas.put(parameter.path("name").asString(""), parameter.path("schema"));
                }
            }
        }
        StringBuilder concrete = new StringBuilder();
        Matcher variable = PATH_VARIABLE.matcher(path);
        while (variable.find()) {
            String name = variable.group(1);
            String value = pathValues.containsKey(name) ? pathValues.get(name) : placeholder(schemas.get(name));
            variable.appendReplacement(concrete,
                    Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        variable.appendTail(concrete);

        String key = method + " " + path;
        Body body = bodies.get(key);
        JsonNode content = operation.path("requestBody").path("content");
        if (body == null && !content.isMissingNode() && !content.isEmpty()) {
            List<String> types = new ArrayList<>(content.propertyNames());
            String json = types.stream().filter(type -> type.equals("application/json") || type.endsWith("+json"))
                    .findFirst().orElse(null);
            body = json != null ? new Body(json, "{}") : new Body(types.get(0), "");
        }
        return new Documented(key, method, concrete.toString(), body);
    }

    private static String placeholder(JsonNode schema) {
        if (schema == null) {
            return "placeholder";
        }
        String type = schema.path("type").asString("string");
        if (type.equals("integer") || type.equals("number")) {
            return "1";
        }
        if ("uuid".equals(schema.path("format").asString(""))) {
            return "00000000-0000-4000-8000-000000000001";
        }
        return "placeholder";
    }

    /** Every way to call one ruled operation, with the answer each must get. */
    private List<Probe> probes(Allowed allowed) {
        String servicesAudience = serviceAudience != null ? serviceAudience : audience;
        Supplier<TestIssuer.TokenBuilder> good = goodToken(allowed, servicesAudience);
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("no Authorization header", null, Expectation.UNAUTHENTICATED));
        probes.add(new Probe("malformed bearer token", "Bearer not-a-jwt", Expectation.UNAUTHENTICATED));
        probes.add(new Probe("Basic credentials", "Basic " + Base64.getEncoder()
                .encodeToString("matrix:matrix".getBytes(StandardCharsets.UTF_8)), Expectation.UNAUTHENTICATED));
        probes.add(bearer("expired token", good.get().expiredSince(LONG_EXPIRED), Expectation.UNAUTHENTICATED));
        probes.add(bearer("token of another issuer", good.get().issuedBy("https://other-issuer.example"),
                Expectation.UNAUTHENTICATED));
        probes.add(bearer("token for another audience",
                good.get().withoutAudience().audience("urn:mailtrail:matrix:another-audience"),
                Expectation.UNAUTHENTICATED));
        probes.add(bearer("token without audience", good.get().withoutAudience(), Expectation.UNAUTHENTICATED));
        probes.add(bearer("token signed by a stranger's key", good.get().signedByStranger(),
                Expectation.UNAUTHENTICATED));
        probes.add(new Probe("unsigned token (alg none)", "Bearer " + unsigned(good.get().sign()),
                Expectation.UNAUTHENTICATED));

        for (String role : Allowed.ROLES) {
            if (!role.equals(Allowed.SERVICE_ROLE)) {
                probes.add(bearer("role " + role, issuer.person("matrix-" + role, role).audience(audience),
                        allowed.allows(role) ? Expectation.PERMITTED : Expectation.FORBIDDEN));
            }
        }
        if (allowed.allows(Allowed.SERVICE_ROLE)) {
            probes.add(bearer("role mailtrail-service", service(servicesAudience), Expectation.PERMITTED));
        } else if (allowed.service().isPresent()) {
            Allowed.ServiceGrant grant = allowed.service().get();
            probes.add(bearer("role mailtrail-service, scope " + grant.scope(),
                    service(grant.audience()).scopes(grant.scope()), Expectation.PERMITTED));
            probes.add(bearer("role mailtrail-service without scope " + grant.scope(), service(grant.audience()),
                    Expectation.FORBIDDEN));
        } else {
            probes.add(bearer("role mailtrail-service", service(servicesAudience), Expectation.FORBIDDEN));
        }
        return probes;
    }

    /** A token the rule accepts, so that the one defect each 401 probe adds is what gets it refused. */
    private Supplier<TestIssuer.TokenBuilder> goodToken(Allowed allowed, String servicesAudience) {
        Optional<String> person = allowed.roles().stream().filter(role -> !role.equals(Allowed.SERVICE_ROLE))
                .findFirst();
        if (person.isPresent()) {
            return () -> issuer.person("matrix-" + person.get(), person.get()).audience(audience);
        }
        if (allowed.allows(Allowed.SERVICE_ROLE)) {
            return () -> service(servicesAudience);
        }
        if (allowed.service().isPresent()) {
            Allowed.ServiceGrant grant = allowed.service().get();
            return () -> service(grant.audience()).scopes(grant.scope());
        }
        return () -> issuer.person("matrix-salesperson", "salesperson").audience(audience);
    }

    private TestIssuer.TokenBuilder service(String audience) {
        return issuer.service("matrix-service", UNRELATED_SCOPE).audience(audience);
    }

    private static Probe bearer(String name, TestIssuer.TokenBuilder token, Expectation expected) {
        return new Probe(name, "Bearer " + token.sign(), expected);
    }

    /** The same claims with the header of an unsecured JWT and no signature, which no service may accept. */
    private static String unsigned(String signed) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + signed.split("\\.")[1] + ".";
    }

    /** What is wrong with the answer, if anything. */
    private Optional<String> send(HttpClient client, Documented operation, Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + operation.path())).timeout(TIMEOUT);
        if (operation.body() != null) {
            request.header("Content-Type", operation.body().contentType()).method(operation.method(),
                    HttpRequest.BodyPublishers.ofString(operation.body().content()));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (probe.authorization() != null) {
            request.header("Authorization", probe.authorization());
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return Optional.of("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return probe.expected().check(response);
    }

    private String table(List<Mismatch> mismatches, int operations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "operation", "call", "expected", "answered" });
        mismatches.forEach(m -> rows.add(new String[] { m.operation(), m.call(), m.expected(), m.actual() }));
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder().append("authorization matrix of ").append(baseUrl).append(": ")
                .append(mismatches.size()).append(mismatches.size() == 1 ? " mismatch" : " mismatches")
                .append(" (").append(operations).append(" operations documented)\n");
        for (String[] row : rows) {
            table.append("  ");
            for (int column = 0; column < widths.length; column++) {
                table.append(column == widths.length - 1 ? row[column]
                        : String.format("%-" + widths[column] + "s | ", row[column]));
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static String operation(String operation) {
        String trimmed = operation.trim();
        Matcher matcher = OPERATION.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an operation: \"" + operation + "\"; write \"GET /api/things/{id}\"");
        }
        return trimmed;
    }

    private enum Expectation {

        UNAUTHENTICATED("401 problem+json, WWW-Authenticate: Bearer") {
            @Override
            Optional<String> check(HttpResponse<?> response) {
                if (response.statusCode() != 401) {
                    return Optional.of(String.valueOf(response.statusCode()));
                }
                List<String> faults = new ArrayList<>(problemJson(response).stream().toList());
                List<String> challenges = response.headers().allValues("WWW-Authenticate");
                if (challenges.isEmpty()) {
                    faults.add("no WWW-Authenticate");
                } else if (challenges.stream().noneMatch(value -> value.regionMatches(true, 0, "Bearer", 0, 6))) {
                    faults.add("WWW-Authenticate " + String.join(", ", challenges));
                }
                return faults.isEmpty() ? Optional.empty() : Optional.of("401, " + String.join(", ", faults));
            }
        },
        FORBIDDEN("403 problem+json") {
            @Override
            Optional<String> check(HttpResponse<?> response) {
                if (response.statusCode() != 403) {
                    return Optional.of(String.valueOf(response.statusCode()));
                }
                return problemJson(response).map(fault -> "403, " + fault);
            }
        },
        PERMITTED("neither 401 nor 403") {
            @Override
            Optional<String> check(HttpResponse<?> response) {
                int status = response.statusCode();
                return status == 401 || status == 403 ? Optional.of(String.valueOf(status)) : Optional.empty();
            }
        },
        NOT_REFUSED("neither 401 nor 403 (open)") {
            @Override
            Optional<String> check(HttpResponse<?> response) {
                return PERMITTED.check(response);
            }
        };

        final String description;

        Expectation(String description) {
            this.description = description;
        }

        abstract Optional<String> check(HttpResponse<?> response);

        static Optional<String> problemJson(HttpResponse<?> response) {
            String type = response.headers().firstValue("Content-Type").orElse("none");
            return type.toLowerCase(Locale.ROOT).startsWith("application/problem+json") ? Optional.empty()
                    : Optional.of("Content-Type " + type);
        }
    }

    private record Probe(String name, String authorization, Expectation expected) {
    }

    private record Body(String contentType, String content) {
    }

    /** An operation as the document describes it, with the path to call and the body to send. */
    private record Documented(String key, String method, String path, Body body) {
    }

    private record Mismatch(String operation, String call, String expected, String actual) {
    }
}
