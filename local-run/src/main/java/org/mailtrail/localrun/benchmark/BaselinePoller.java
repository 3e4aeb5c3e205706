package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/**
 * Business Central's way, as the baseline: a job queue entry that every interval reads the first page of the
 * inbox ({@code GET …/mailFolders/inbox/messages?$top=50}), logs each message it finds by Business Central's
 * rules and then moves it, one request per message (to Archive when logged, else to Deleted Items). It reads its
 * own mailbox, which receives the very same stream as mailtrail's, on a second emulator so that the two Graph
 * bills cannot mix. A message counts as processed when the job reaches it: generous to the baseline, since
 * Business Central writes its log entry and moves the message only after that.
 */
final class BaselinePoller {

    static final int PAGE = 50;
    private static final String SCOPE = "https://graph.microsoft.com/.default";
    private static final int MAX_ATTEMPTS = 5;

    /** One poll: when it started (seconds after the first delivery), what it found and how long it took. */
    record Poll(int number, double startedAfterSeconds, int listed, double tookSeconds) {
    }

    /**
     * Latency over every loggable mail delivered, in ms. A mail still unprocessed counts with the time it has
     * waited so far, a lower bound; a percentile that depends on such mails is marked {@code atLeast}.
     */
    record StreamLatency(long mails, long unprocessed, double p50, boolean p50AtLeast, double p95, boolean p95AtLeast,
            double p99, boolean p99AtLeast) {

        /** From the latencies (µs) of the mails processed and the waits so far of those that were not. */
        static StreamLatency of(Histogram processed, Histogram waiting) {
            Histogram all = processed.copy();
            all.add(waiting);
            double[] percentiles = {50, 95, 99};
            double[] values = new double[3];
            boolean[] atLeast = new boolean[3];
            for (int i = 0; i < 3; i++) {
                long value = all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(percentiles[i]);
                values[i] = value / 1000.0;
                // Exact only if enough processed mails lie at or below it; otherwise unprocessed ones decide it.
                long needed = (long) Math.ceil(percentiles[i] / 100 * all.getTotalCount());
                atLeast[i] = waiting.getTotalCount() > 0 && processed.getCountBetweenValues(0, value) < needed;
            }
            return new StreamLatency(all.getTotalCount(), waiting.getTotalCount(), values[0], atLeast[0], values[1],
                    atLeast[1], values[2], atLeast[2]);
        }
    }

    private final GraphEmulator emulator;
    private final String tenant;
    private final String clientId;
    private final String clientSecret;
    private final String mailbox;
    private final Workload workload;
    private final HttpClient http;
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> processedAt = new ConcurrentHashMap<>();
    private final Set<String> loggable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger delivered = new AtomicInteger();
    private final Histogram latency = new Histogram(Phase.MAX_MICROS, 3);
    private final List<Poll> polls = new ArrayList<>();
    private volatile long firstDeliveredNanos;
    private long lastPollEndedNanos;
    private long processed;
    private long logged;
    private String token;
    private long tokenValidUntilNanos;

    BaselinePoller(GraphEmulator emulator, String tenant, String clientId, String clientSecret, String mailbox,
            Workload workload) {
        this.emulator = emulator;
        this.tenant = tenant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.mailbox = mailbox;
        this.workload = workload;
        this.http = HttpClient.newBuilder().sslContext(emulator.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Delivers a mail into the baseline's mailbox, as the BCC rule would at the same moment as into mailtrail's. */
    void deliver(String internetMessageId, Mail mail, boolean expectedLogged) {
        long nanos = System.nanoTime();
        if (delivered.getAndIncrement() == 0) {
            firstDeliveredNanos = nanos;
        }
        deliveredAt.put(internetMessageId, nanos);
        if (expectedLogged) {
            loggable.add(internetMessageId);
        }
        emulator.deliver(mailbox, mail);
    }

    /** Polls {@code count} times, the first one {@code interval} from now; completes after the last poll. */
    CompletableFuture<Void> start(ScheduledExecutorService scheduler, Duration interval, int count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (int i = 1; i <= count; i++) {
            int number = i;
            scheduler.schedule(() -> {
                if (done.isDone()) {
                    return;
                }
                try {
                    poll(number);
                    if (number == count) {
                        done.complete(null);
                    }
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, interval.toMillis() * i, TimeUnit.MILLISECONDS);
        }
        return done;
    }

    private void poll(int number) {
        long started = System.nanoTime();
        JsonNode page = send(HttpRequest.newBuilder(graph("/mailFolders/inbox/messages?$top=" + PAGE)).GET(), 200);
        int listed = 0;
        for (JsonNode message : page.path("value")) {
            listed++;
            long reached = System.nanoTime();
            String internetMessageId = message.path("internetMessageId").asString();
            List<String> recipients = new ArrayList<>();
            for (String field : List.of("toRecipients", "ccRecipients")) {
                message.path(field).forEach(r -> recipients.add(r.path("emailAddress").path("address").asString()));
            }
            boolean loggable = workload.loggableByBusinessCentral(
                    message.path("sender").path("emailAddress").path("address").asString(), recipients);
            processed(internetMessageId, loggable, reached);
            String body = "{\"destinationId\":\"" + (loggable ? "archive" : "deleteditems") + "\"}";
            send(HttpRequest.newBuilder(graph("/messages/" + URLEncoder.encode(message.path("id").asString(),
                    StandardCharsets.UTF_8) + "/move")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        }
        long ended = System.nanoTime();
        synchronized (this) {
            lastPollEndedNanos = ended;
            polls.add(new Poll(number, seconds(started - firstDeliveredNanos), listed, seconds(ended - started)));
        }
    }

    private synchronized void processed(String internetMessageId, boolean logs, long nanos) {
        processed++;
        logged += logs ? 1 : 0;
        processedAt.put(internetMessageId, nanos);
        Long at = deliveredAt.get(internetMessageId);
        if (at != null) {
            latency.recordValue(Math.min(Phase.MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos - at)));
        }
    }

    /** Sends with a bearer token; on 429 or 503 waits the Retry-After, as a Graph client must, and tries again. */
    private JsonNode send(HttpRequest.Builder request, int expected) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(request.copy().header("Authorization", "Bearer " + token())
                    .timeout(Duration.ofSeconds(60)).build());
            int status = response.statusCode();
            if (status == expected) {
                return response.body() == null || response.body().isBlank() ? null
                        : ContractJson.mapper().readTree(response.body());
            }
            if ((status == 429 || status == 503) && attempt < MAX_ATTEMPTS) {
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                pause(Duration.ofSeconds(seconds));
                continue;
            }
            throw new IllegalStateException("the baseline's " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + status + ": " + response.body());
        }
    }

    /** Client credentials from the emulator's Entra endpoint, kept until a minute before it expires. */
    private synchronized String token() {
        if (token != null && System.nanoTime() < tokenValidUntilNanos) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + "&scope=" + encode(SCOPE);
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(emulator.tokenEndpoint(tenant)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the baseline got no token: " + response.statusCode() + " "
                    + response.body());
        }
        JsonNode body = ContractJson.mapper().readTree(response.body());
        token = body.path("access_token").asString();
        long lifetime = Math.max(60, body.path("expires_in").asLong());
        tokenValidUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime - 60);
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI graph(String path) {
        return URI.create(emulator.graphBaseUrl() + "/users/" + mailbox + path);
    }

    synchronized long processed() {
        return processed;
    }

    synchronized long logged() {
        return logged;
    }

    long delivered() {
        return delivered.get();
    }

    /** Messages still in its inbox: the backlog it leaves. */
    int backlog() {
        return emulator.messages(mailbox, "inbox").size();
    }

    synchronized List<Poll> polls() {
        return List.copyOf(polls);
    }

    synchronized Phase.Latency latency() {
        return Phase.Latency.of(latency);
    }

    /** Latency of every loggable mail delivered, as of {@code nowNanos} for those still in the inbox. */
    synchronized StreamLatency streamLatency(long nowNanos) {
        Histogram exact = new Histogram(Phase.MAX_MICROS, 3);
        Histogram waiting = new Histogram(Phase.MAX_MICROS, 3);
        for (String id : loggable) {
            long sent = deliveredAt.get(id);
            Long done = processedAt.get(id);
            (done != null ? exact : waiting).recordValue(Math.min(Phase.MAX_MICROS,
                    TimeUnit.NANOSECONDS.toMicros(Math.max(0, (done != null ? done : nowNanos) - sent))));
        }
        return StreamLatency.of(exact, waiting);
    }

    /** From the first delivery to the end of the last poll. */
    synchronized double windowSeconds() {
        return seconds(lastPollEndedNanos - firstDeliveredNanos);
    }

    private static double seconds(long nanos) {
        return Math.max(0, nanos) / 1e9;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
