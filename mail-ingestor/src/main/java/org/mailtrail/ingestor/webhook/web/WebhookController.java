package org.mailtrail.ingestor.webhook.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.webhook.domain.MalformedNotificationException;
import org.mailtrail.ingestor.webhook.domain.NotificationIntake;
import org.mailtrail.ingestor.webhook.domain.NotificationKind;
import org.mailtrail.platform.web.ApiExceptionHandler.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graph's webhook. A POST with {@code validationToken} is the handshake Graph makes when a subscription is
 * created: the token goes back URL-decoded as plain text (never HTML, so it cannot be made into a reflected
 * page). Any other POST is a delivery: refused with 413 when too large and 400 when not JSON, otherwise
 * answered 202 at once, even for notifications that fail the check, so a forger learns nothing.
 */
@RestController
@RequestMapping("/graph")
public class WebhookController {

    private static final MediaType TEXT_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final NotificationIntake intake;
    private final JsonMapper json;
    private final long maxBodySize;

    public WebhookController(NotificationIntake intake, JsonMapper json, IngestorProperties properties) {
        this.intake = intake;
        this.json = json;
        this.maxBodySize = properties.webhook().maxBodySize().toBytes();
    }

    @Operation(summary = "Graph change notifications (and the validation handshake)")
    @PostMapping("/notifications")
    public ResponseEntity<String> notifications(HttpServletRequest request) throws IOException {
        return receive(NotificationKind.CHANGE, request);
    }

    @Operation(summary = "Graph lifecycle notifications (and the validation handshake)")
    @PostMapping("/lifecycle")
    public ResponseEntity<String> lifecycle(HttpServletRequest request) throws IOException {
        return receive(NotificationKind.LIFECYCLE, request);
    }

    private ResponseEntity<String> receive(NotificationKind kind, HttpServletRequest request) throws IOException {
        String validationToken = validationToken(request.getQueryString());
        if (validationToken != null) {
            return ResponseEntity.ok().contentType(TEXT_UTF8).header("X-Content-Type-Options", "nosniff")
                    .body(validationToken);
        }
        byte[] body = boundedBody(kind, request);
        intake.receive(kind, body);
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

    private byte[] boundedBody(NotificationKind kind, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodySize) {
            throw tooLarge(kind);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBodySize + 1));
            if (body.length > maxBodySize) {
                throw tooLarge(kind);
            }
            return body;
        }
    }

    private BodyTooLargeException tooLarge(NotificationKind kind) {
        intake.refused(kind, "too_large");
        return new BodyTooLargeException(maxBodySize);
    }

    /**
     * Written whole, with a Content-Length: the rest of a refused body stays unread, and when it is more than
     * Tomcat will swallow (2 MB) Tomcat closes the connection at once, before the last chunk of a chunked answer,
     * so the sender would see a broken response instead of this 413.
     */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<byte[]> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", "Notification too large");
        problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
        problem.put("detail", e.getMessage());
        problem.put("instance", request.getRequestURI());
        problem.put("errors", List.of(new FieldProblem("body", e.getMessage())));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json.writeValueAsBytes(problem));
    }

    @ExceptionHandler(MalformedNotificationException.class)
    ProblemDetail malformed(MalformedNotificationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Malformed notification");
        problem.setProperty("errors", List.of(new FieldProblem("body", e.getMessage())));
        return problem;
    }

    /** A delivery over the configured size. */
    static class BodyTooLargeException extends RuntimeException {

        BodyTooLargeException(long limit) {
            super("a notification delivery may have at most " + limit + " bytes");
        }
    }
}
