package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.platform.graph.GraphTrust;
import org.mailtrail.platform.graph.GraphTrustProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the mailbox's gate admitted takes a while to reach the wire (a token to fetch, a TLS connection to
 * open). The full-size chaos suite caught one that left 65 ms after another request of its mailbox had been
 * answered 429: it reached Graph 934 ms before the Retry-After was over. Here the same thing happens on purpose,
 * against graph-emulator, which counts every request sent before its Retry-After elapsed.
 */
class RetryAfterAtSendIT {

    private static final String TENANT = "0d6f0a1e-2b3c-4d5e-8f9a-0b1c2d3e4f50";
    private static final String CLIENT_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String SECRET = "at-send-secret";
    private static final GraphEmulator GRAPH = GraphEmulator.builder().tenant(TENANT, "contoso.com")
            .app(CLIENT_ID, SECRET, "*").build().start();

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        GRAPH.close();
    }

    @Test
    void holdsARequestAdmittedBeforeAnotherWasThrottledUntilTheRetryAfterHasPassed() throws Exception {
        String mailbox = "at-send-" + System.nanoTime() + "@contoso.com";
        GRAPH.addMailbox(TENANT, mailbox);
        OkHttpClient http = client();
        String token = token(http);
        // No calm period: a new mailbox's first one would let one request through at a time, and the request that
        // was admitted earlier would then be the only one in flight, never overtaken by a 429.
        MailboxGate gate = new MailboxGate(mailbox, 9_000, Duration.ofMinutes(10), 5, Duration.ZERO,
                Clock.systemUTC(), new SimpleMeterRegistry().counter("wait"), new InProcessPermits(4));
        GRAPH.injectFault(Fault.throttle(2).times(1).matching(Pattern.quote(mailbox) + "/mailFolders/drafts"));
        CountDownLatch admitted = new CountDownLatch(1);
        CountDownLatch answered429 = new CountDownLatch(1);

        // Admitted first; on the wire only once the other request has its 429, like a request still opening its
        // connection.
        Future<Integer> admittedEarlier = pool.submit(() -> gate.call(1, 1, () -> { }, () -> {
            admitted.countDown();
            await(answered429);
            return get(http, token, mailbox, "inbox");
        }));
        assertThat(admitted.await(30, TimeUnit.SECONDS)).as("the first request admitted").isTrue();
        assertThat(gate.oneAtATime()).as("requests go one at a time").isFalse();
        int throttled = gate.call(1, 1, () -> { }, () -> {
            int status = get(http, token, mailbox, "drafts");
            gate.holdOff(Duration.ofSeconds(2));
            return status;
        });
        answered429.countDown();

        assertThat(throttled).isEqualTo(429);
        assertThat(admittedEarlier.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(GRAPH.earlyRetries(List.of(mailbox))).as("requests sent before their Retry-After: %s",
                GRAPH.earlyRequests()).isZero();
    }

    private static OkHttpClient client() {
        GraphTrust trust = new GraphTrust(new GraphTrustProperties(GRAPH.trustStorePath(), GRAPH.trustStorePassword(),
                "PKCS12"));
        return new OkHttpClient.Builder().addNetworkInterceptor(new RetryAfterAtSend())
                .sslSocketFactory(trust.socketFactory(), trust.trustManager()).build();
    }

    private static String token(OkHttpClient http) throws IOException {
        Request request = new Request.Builder().url(GRAPH.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token")
                .post(new FormBody.Builder().add("grant_type", "client_credentials").add("client_id", CLIENT_ID)
                        .add("client_secret", SECRET).add("scope", "https://graph.microsoft.com/.default").build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            return JsonMapper.builder().build().readTree(response.body().string()).path("access_token").asString();
        }
    }

    private static int get(OkHttpClient http, String token, String mailbox, String folder) {
        Request request = new Request.Builder()
                .url(GRAPH.graphBaseUrl() + "/users/" + mailbox + "/mailFolders/" + folder)
                .header("Authorization", "Bearer " + token).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
