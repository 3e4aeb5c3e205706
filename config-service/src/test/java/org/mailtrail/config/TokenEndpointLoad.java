package org.mailtrail.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load on a running instance's token endpoint, as mail-ingestor instances would put on it: a fixed
 * number of requests from a fixed number of threads, then throughput and latency percentiles. Not a test; run it
 * by hand against a local run (see the README), never against a remote host.
 *
 * <p>Arguments: base URL, file holding a service token granted connections.token, connection id, requests, threads.
 */
public final class TokenEndpointLoad {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: TokenEndpointLoad <http://127.0.0.1:8081> <file with a token granted connections.token> <connection-id> <requests> <threads>");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0] + "/internal/connections/" + args[2] + "/token");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(endpoint.getHost())) {
            throw new IllegalArgumentException("only a local instance may be loaded: " + endpoint.getHost());
        }
        String token = Files.readString(Path.of(args[1])).strip();
        int requests = Math.min(Integer.parseInt(args[3]), 100_000);
        int threads = Math.min(Integer.parseInt(args[4]), 64);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        for (int i = 0; i < Math.min(200, requests); i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] latencies = new long[requests];
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> calls = new ArrayList<>(requests);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            int n = i;
            calls.add(pool.submit(() -> {
                long sent = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                latencies[n] = System.nanoTime() - sent;
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("requests=%d threads=%d statuses=%s wall=%.2fs throughput=%.0f/s p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n",
                requests, threads, statuses, wall, requests / wall, millis(latencies, 0.50), millis(latencies, 0.95),
                millis(latencies, 0.99), latencies[requests - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private TokenEndpointLoad() {
    }
}
