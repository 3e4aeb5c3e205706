package org.mailtrail.ingestor.webhook.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.mailtrail.ingestor.IngestorProblems;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.webhook.domain.DeliveriesRateLimitedException;
import org.mailtrail.ingestor.webhook.domain.DeliveryRateLimiter;
import org.mailtrail.ingestor.webhook.domain.NotificationIntake;
import org.mailtrail.ingestor.webhook.domain.NotificationKind;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Graph's webhook. A POST with {@code validationToken} is the handshake Graph makes when a subscription is
 * created: the token goes back URL-decoded as plain text (never HTML, so it cannot be made into a reflected
 * page). Any other POST is a delivery: refused with 413 when too large (in bytes or in notifications) and 400
 * when not JSON, otherwise answered 202 at once, even for notifications that fail the check, so a forger learns
 * nothing. A source that sends more than its share of POSTs gets 429 with a Retry-After before anything is read.
 */
@RestController
@RequestMapping("/graph")
public class WebhookController {

    private static final MediaType TEXT_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final NotificationIntake intake;
    private final DeliveryRateLimiter limiter;
    private final long maxBodySize;

    public WebhookController(NotificationIntake intake, DeliveryRateLimiter limiter, IngestorProperties properties) {
        this.intake = intake;
        this.limiter = limiter;
        this.maxBodySize = properties.webhook().maxBodySize().toBytes();
    }

    @Operation(summary = "Graph change notifications (and the validation handshake)")
    @PostMapping("/notifications")
    public ResponseEntity<?> notifications(HttpServletRequest request) throws IOException {
        return receive(NotificationKind.CHANGE, request);
    }

    @Operation(summary = "Graph lifecycle notifications (and the validation handshake)")
    @PostMapping("/lifecycle")
    public ResponseEntity<?> lifecycle(HttpServletRequest request) throws IOException {
        return receive(NotificationKind.LIFECYCLE, request);
    }

    private ResponseEntity<?> receive(NotificationKind kind, HttpServletRequest request) throws IOException {
        Optional<Duration> wait = limiter.refusal(request.getRemoteAddr());
        if (wait.isPresent()) {
            intake.refused(kind, "rate_limited");
            throw new DeliveriesRateLimitedException(wait.get());
        }
        String validationToken = validationToken(request.getQueryString());
        if (validationToken != null) {
            return ResponseEntity.ok().contentType(TEXT_UTF8).header("X-Content-Type-Options", "nosniff")
                    .body(validationToken);
        }
        Optional<byte[]> body = boundedBody(request);
        if (body.isEmpty()) {
            intake.refused(kind, "too_large");
            return tooLarge(request);
        }
        // A delivery that is not JSON is refused by the intake with a problem the platform renders.
        intake.receive(kind, body.get());
        return ResponseEntity.accepted().build();
    }

    /**
     * The token from the raw query string. Read here rather than as a request parameter, because asking the
     * servlet for parameters makes it read a form-encoded body too.
     */
    static String validationToken(String query) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (name.equals("validationToken")) {
                return equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The body, unless it is larger than allowed; then as little of it as possible is read. */
    private Optional<byte[]> boundedBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodySize) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBodySize + 1));
            return body.length > maxBodySize ? Optional.empty() : Optional.of(body);
        }
    }

    /**
     * Written whole, with a Content-Length, rather than thrown for the platform to render: the rest of a refused
     * body stays unread, and when it is more than Tomcat will swallow (2 MB) Tomcat closes the connection at once,
     * before the last chunk of a chunked answer, so the sender would see a broken response instead of this 413.
     */
    private ResponseEntity<byte[]> tooLarge(HttpServletRequest request) {
        String detail = "a notification delivery may have at most " + maxBodySize + " bytes";
        ProblemDetail problem = Problems.of(IngestorProblems.NOTIFICATION_TOO_LARGE, detail,
                List.of(new FieldProblem("body", detail)));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.toJson(problem));
    }
}
