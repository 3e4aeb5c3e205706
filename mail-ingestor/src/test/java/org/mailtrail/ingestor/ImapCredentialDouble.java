package org.mailtrail.ingestor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailtrail.platform.security.ResourceServerAutoConfiguration;
import org.mailtrail.platform.security.SecurityProperties;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for config-service's IMAP credential endpoint ({@code POST /internal/connections/{id}/imap-credential}),
 * answering as config-service does (a password with {@code expiresAt} null, or an XOAUTH2 access token with its
 * expiry; {@code Cache-Control: no-store}; 409 for a connection without either), and only to a token of the JVM's TestIssuer issued for config-service to a service
 * granted {@code connections.token}. config-service's own ITs test the real endpoint.
 */
final class ImapCredentialDouble implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final JwtDecoder decoder = decoder();
    private final Map<String, String[]> passwords = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<String>> tokens = new ConcurrentHashMap<>();
    private final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();

    private ImapCredentialDouble(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static ImapCredentialDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "imap-credential-double");
                thread.setDaemon(true);
                return thread;
            });
            ImapCredentialDouble double_ = new ImapCredentialDouble(server, executor);
            server.createContext("/internal/connections/", double_::handle);
            server.setExecutor(executor);
            server.start();
            return double_;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The account and password config-service holds for a connection. */
    void register(String connectionId, String username, String password) {
        passwords.put(connectionId, new String[] { username, password });
    }

    /**
     * XOAUTH2 access tokens for a connection's account, handed out one per request in this order (the last one
     * again and again).
     */
    void registerTokens(String connectionId, String username, String... accessTokens) {
        passwords.put(connectionId, new String[] { username, null });
        tokens.put(connectionId, new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(accessTokens)));
    }

    /** The {@code refused} digests callers named, oldest first. */
    List<String> refusedDigests() {
        return List.copyOf(refused);
    }

    /** How many credentials were handed out for a connection. */
    int issued(String connectionId) {
        AtomicInteger count = issued.get(connectionId);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (!exchange.getRequestMethod().equals("POST") || path.length != 5 || !path[4].equals("imap-credential")) {
                respond(exchange, 404, "{\"title\":\"Not found\"}");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Jwt caller;
            try {
                caller = authorization == null ? null : decoder.decode(authorization.substring("Bearer ".length()));
            } catch (JwtException | StringIndexOutOfBoundsException e) {
                caller = null;
            }
            if (caller == null) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            if (!caller.getClaimAsStringList("roles").contains("mailtrail-service")
                    || !List.of(caller.getClaimAsString("scope").split(" ")).contains("connections.token")) {
                respond(exchange, 403, "{\"title\":\"Forbidden\"}");
                return;
            }
            String[] account = passwords.get(path[3]);
            if (account == null) {
                respond(exchange, 409, "{\"title\":\"Not an IMAP connection with a password\"}");
                return;
            }
            issued.computeIfAbsent(path[3], id -> new AtomicInteger()).incrementAndGet();
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("refused=")) {
                refused.add(query.substring("refused=".length()));
            }
            java.util.Deque<String> next = tokens.get(path[3]);
            if (next != null) {
                String token = next.size() > 1 ? next.poll() : next.peek();
                respond(exchange, 200, "{\"connectionId\":\"" + path[3] + "\",\"username\":\"" + account[0]
                        + "\",\"mechanism\":\"XOAUTH2\",\"secret\":\"" + token + "\",\"expiresAt\":\""
                        + java.time.Instant.now().plusSeconds(3600) + "\"}");
                return;
            }
            respond(exchange, 200, "{\"connectionId\":\"" + path[3] + "\",\"username\":\"" + account[0]
                    + "\",\"mechanism\":\"PASSWORD\",\"secret\":\"" + account[1] + "\",\"expiresAt\":null}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static JwtDecoder decoder() {
        TestIssuer issuer = TestIssuer.shared();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build();
        decoder.setJwtValidator(ResourceServerAutoConfiguration.validator(new SecurityProperties(issuer.issuerUri(),
                null, List.of("mailtrail-config-service"), "roles", Duration.ofSeconds(60))));
        return decoder;
    }
}
