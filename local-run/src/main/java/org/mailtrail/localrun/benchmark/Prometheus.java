package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a service's {@code /actuator/prometheus} with a token granted {@code metrics.read}, as Prometheus does: the
 * text exposition format, summed by metric name.
 */
public final class Prometheus {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> token;

    public Prometheus(Supplier<String> token) {
        this.token = token;
    }

    /** The scrape, or empty when the service does not answer it. */
    public Optional<String> scrape(String serviceUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code area="heap"}). */
    public static double sum(String scrape, String metric, String label) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                // name{labels} value [timestamp]
                sum += Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0]);
            }
        }
        return sum;
    }
}
