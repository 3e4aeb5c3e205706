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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.platform.security.ResourceServerAutoConfiguration;
import org.mailtrail.platform.security.SecurityProperties;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Stands in for config-service's token broker ({@code POST /internal/connections/{id}/token}, answering as
 * config-service does, and only to a token of the JVM's TestIssuer issued for config-service to a service granted
 * {@code connections.token}, checked as config-service checks it):
 * it holds the connections' client secrets and gets real tokens for them from the emulator's Entra endpoint
 * with azure-identity, as config-service does. config-service's own ITs test the real broker.
 */
final class TokenBrokerDouble implements AutoCloseable {

    /** Every token a caller presented, valid or not: the tests look at how they were got. */
    private final List<String> presented = new CopyOnWriteArrayList<>();
    private final JwtDecoder decoder = decoder();
    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private final HttpServer server;
    private final ExecutorService executor;
    private final GraphEmulator emulator;
    private final Map<String, ClientSecretCredential> credentials = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();

    private TokenBrokerDouble(HttpServer server, ExecutorService executor, GraphEmulator emulator) {
        this.server = server;
        this.executor = executor;
        this.emulator = emulator;
    }

    static TokenBrokerDouble start(GraphEmulator emulator) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "token-broker-double");
                thread.setDaemon(true);
                return thread;
            });
            TokenBrokerDouble broker = new TokenBrokerDouble(server, executor, emulator);
            server.createContext("/internal/connections/", broker::handle);
            server.setExecutor(executor);
            server.start();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lets the broker issue tokens for a connection, with the app registration's secret. */
    void register(String connectionId, String tenantId, String clientId, String secret) {
        credentials.put(connectionId, new ClientSecretCredentialBuilder()
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(secret)
                .authorityHost(emulator.authorityHost())
                .disableInstanceDiscovery()
                .httpClient(trustingEmulator(emulator))
                .build());
    }

    /** The bearer tokens callers presented, oldest first. */
    List<String> presentedTokens() {
        return List.copyOf(presented);
    }

    private static JwtDecoder decoder() {
        TestIssuer issuer = TestIssuer.shared();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).build();
        decoder.setJwtValidator(ResourceServerAutoConfiguration.validator(new SecurityProperties(issuer.issuerUri(),
                null, List.of("mailtrail-config-service"), "roles", Duration.ofSeconds(60))));
        return decoder;
    }

    /** How many tokens the broker issued for a connection. */
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
            // /internal/connections/{id}/token
            if (!exchange.getRequestMethod().equals("POST") || path.length != 5 || !path[4].equals("token")) {
                respond(exchange, 404, "{\"title\":\"Not found\"}");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            presented.add(authorization.substring(7));
            Jwt caller;
            try {
                caller = decoder.decode(authorization.substring(7));
            } catch (JwtException e) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            if (!caller.getClaimAsStringList("roles").contains("mailtrail-service")
                    || !List.of(caller.getClaimAsString("scope").split(" ")).contains("connections.token")) {
                respond(exchange, 403, "{\"title\":\"Forbidden\"}");
                return;
            }
            ClientSecretCredential credential = credentials.get(path[3]);
            if (credential == null) {
                respond(exchange, 404, "{\"title\":\"No such connection\"}");
                return;
            }
            AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(GRAPH_SCOPE));
            issued.computeIfAbsent(path[3], id -> new AtomicInteger()).incrementAndGet();
            respond(exchange, 200, "{\"connectionId\":\"" + path[3] + "\",\"accessToken\":\"" + token.getToken()
                    + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\"" + token.getExpiresAt().toInstant() + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static com.azure.core.http.HttpClient trustingEmulator(GraphEmulator emulator) {
        try {
            SslContext trust = SslContextBuilder.forClient().trustManager(emulator.certificate()).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(trust)))
                    .responseTimeout(Duration.ofSeconds(30))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
