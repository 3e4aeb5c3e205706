package org.mailtrail.emulator.subscription;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Graph's check that a notification URL belongs to whoever subscribes: a POST with a {@code validationToken}
 * query parameter that must come back, URL-decoded, as a {@code text/plain} 200 within the timeout. The token
 * has spaces and colons, like Graph's, so a receiver that echoes it still encoded fails here too.
 */
public final class ValidationHandshake {

    private final HttpClient http;
    private final Duration timeout;

    public ValidationHandshake(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Empty when the receiver passed; otherwise Graph's reason for failing the subscription. */
    public Optional<String> validate(String url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
        URI uri;
        try {
            uri = URI.create(url + (url.contains("?") ? "&" : "?") + "validationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.of("Subscription validation request failed. The notification URL is not a valid URL.");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return Optional.of("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain")) {
                return Optional.of("Subscription validation request failed. Response must be of content type text/plain.");
            }
            if (!token.equals(response.body())) {
                return Optional.of("Subscription validation request failed. Response must exactly match validationToken query parameter.");
            }
            return Optional.empty();
        } catch (HttpTimeoutException e) {
            return Optional.of("Subscription validation request timed out.");
        } catch (IOException e) {
            return Optional.of("Subscription validation request failed. Could not reach the notification endpoint: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Subscription validation request was interrupted.");
        }
    }
}
