package org.mailtrail.emulator.graph;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.mailtrail.emulator.faults.FaultInjector;
import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphCall;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.GraphRouter;
import org.mailtrail.emulator.http.ODataPath;
import org.mailtrail.emulator.http.Preferences;
import org.mailtrail.emulator.identity.AppRegistration;
import org.mailtrail.emulator.identity.Directory;
import org.mailtrail.emulator.identity.TokenService;
import org.mailtrail.emulator.mailbox.Mailbox;
import org.mailtrail.emulator.mailbox.MailboxService;
import org.mailtrail.emulator.metrics.Counters;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.throttling.RetryAfterTracker;
import org.mailtrail.emulator.throttling.Throttle;

/**
 * Runs Graph requests. The order of the checks is Graph's: token (401), route (400/405), mailbox (404) and the
 * app's access to it (403), then injected faults, then throttling (429), then the handler.
 */
public final class GraphGateway {

    private static final Logger LOG = Logger.getLogger(GraphGateway.class.getName());

    private final Clock clock;
    private final TokenService tokens;
    private final Directory directory;
    private final MailboxService mailboxes;
    private final Throttle throttle;
    private final RetryAfterTracker retryAfter;
    private final FaultInjector faults;
    private final Counters counters;
    private final GraphRouter router;
    private final BatchProcessor batch;

    public GraphGateway(Clock clock, TokenService tokens, Directory directory, MailboxService mailboxes,
                        Throttle throttle, RetryAfterTracker retryAfter, FaultInjector faults, Counters counters,
                        GraphRouter router, long randomSeed) {
        this.clock = clock;
        this.tokens = tokens;
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.throttle = throttle;
        this.retryAfter = retryAfter;
        this.faults = faults;
        this.counters = counters;
        this.router = router;
        this.batch = new BatchProcessor(this, randomSeed);
    }

    /** A request under {@code /v1.0}. */
    public ApiResponse handle(ApiRequest request) {
        String relative = request.rawPath().substring("/v1.0".length());
        List<String> segments = ODataPath.segments(relative);
        if (segments.size() == 1 && segments.get(0).equals("$batch") && request.method().equals("POST")) {
            return batch.handle(request);
        }
        Unit unit = prepare(request, relative, null, false);
        return finish(unit, true);
    }

    Caller authenticate(ApiRequest request) {
        return tokens.authenticate(request.header("Authorization"));
    }

    /** One request on its way through the checks; {@link #finish} runs it and records it. */
    static final class Unit {
        final ApiRequest request;
        final boolean inBatch;
        final String relativePath;
        final String requestId = UUID.randomUUID().toString();
        final long startNanos = System.nanoTime();
        final Instant arrivedAt;
        String appId;
        String mailbox;
        String operation = "unrouted";
        RetryAfterTracker.Early early;
        GraphCall call;
        GraphRouter.Handler handler;
        long delayMillis;
        Throttle.Admitted admitted;
        ApiResponse response;

        Unit(ApiRequest request, String relativePath, boolean inBatch, Instant arrivedAt) {
            this.arrivedAt = arrivedAt;
            this.request = request;
            this.relativePath = relativePath;
            this.inBatch = inBatch;
        }
    }

    Unit prepare(ApiRequest request, String relativePath, Caller batchCaller, boolean inBatch) {
        Unit unit = new Unit(request, relativePath, inBatch, clock.instant());
        List<String> named = ODataPath.segments(relativePath);
        if (!named.isEmpty() && named.get(0).equalsIgnoreCase("me")) {
            named = new ArrayList<>(named);
            named.add(0, "users");
        }
        router.match(request.method(), named).ifPresent(match -> unit.operation = match.route().operation());
        try {
            Caller caller = batchCaller != null ? batchCaller : authenticate(request);
            unit.appId = caller.appId();
            List<String> segments = me(ODataPath.segments(relativePath), caller);
            GraphRouter.Match match = router.match(request.method(), segments).orElseThrow(() -> unrouted(segments));
            unit.operation = match.route().operation();
            GraphCall call = new GraphCall(request, caller, match.params(),
                    Preferences.of(request.headers().all("Prefer")), unit.requestId, inBatch);
            String user = match.route().mailbox().apply(call);
            if (user != null) {
                Mailbox mailbox = mailboxes.find(user).filter(m -> m.tenantId().equals(caller.tenantId()))
                        .orElseThrow(() -> GraphException.notFound("ErrorInvalidUser", "The requested user '" + user + "' is invalid."));
                unit.mailbox = mailbox.address();
                AppRegistration app = directory.app(caller.appId()).orElseThrow(GraphException::accessDenied);
                if (!app.mayAccess(mailbox.address())) {
                    throw GraphException.accessDenied();
                }
                // Changing mail needs Mail.ReadWrite, however it was granted; a subscription only reads.
                boolean changesMail = !request.method().equals("GET") && !unit.operation.startsWith("subscriptions.");
                if (changesMail && !caller.delegated() && !app.mayWrite()) {
                    throw GraphException.accessDenied();
                }
            }
            unit.early = retryAfter.early(unit.appId, unit.mailbox).orElse(null);
            FaultInjector.Outcome fault = injectedFault(request, relativePath);
            if (unit.mailbox != null) {
                Throttle.Decision decision = throttle.tryAcquire(unit.appId, unit.mailbox);
                if (decision instanceof Throttle.Refused refused) {
                    counters.throttled(refused.cause().label());
                    throw GraphException.mailboxThrottled(refused.retryAfterSeconds(), refused.cause() == Throttle.Cause.CONCURRENCY
                            ? "MailboxConcurrency" : "MailboxRequests");
                }
                unit.admitted = (Throttle.Admitted) decision;
                counters.throttleUnit(unit.mailbox);
            }
            unit.call = call;
            unit.handler = match.route().handler();
            unit.delayMillis = fault.delayMillis();
        } catch (GraphException e) {
            unit.response = e.toResponse(unit.requestId, request.clientRequestId(), clock.instant());
        }
        return unit;
    }

    /**
     * The faults injected for this request: a status is thrown as Graph's answer (after the fault's delay), a
     * delay alone is left to the caller to spend.
     */
    FaultInjector.Outcome injectedFault(ApiRequest request, String relativePath) {
        FaultInjector.Outcome fault = faults.decide(request.method(), readable(request, relativePath));
        if (fault.status() == null) {
            return fault;
        }
        pause(fault.delayMillis());
        if (fault.status() == 429) {
            counters.throttled("fault");
            throw GraphException.tooManyRequests(fault.retryAfterSeconds() == null ? 1 : fault.retryAfterSeconds());
        }
        if (fault.status() == 400) {
            throw GraphException.badRequest("BadRequest", "The request was refused (a fault injected into the emulator).");
        }
        GraphException unavailable = new GraphException(503, "serviceNotAvailable",
                "The service is temporarily unavailable. Please retry again later.");
        if (fault.retryAfterSeconds() != null) {
            unavailable.header("Retry-After", fault.retryAfterSeconds().toString());
        }
        throw unavailable;
    }

    /** Runs the handler (unless a check already answered), releases the slot if asked, and records the request. */
    ApiResponse finish(Unit unit, boolean release) {
        try {
            if (unit.response == null) {
                pause(unit.delayMillis);
                try {
                    unit.response = unit.handler.handle(unit.call);
                } catch (GraphException e) {
                    unit.response = e.toResponse(unit.requestId, unit.request.clientRequestId(), clock.instant());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "graph-emulator failed on " + unit.request.method() + " " + unit.request.rawPath(), e);
                    unit.response = new GraphException(500, "InternalServerError", "The emulator failed: " + e)
                            .toResponse(unit.requestId, unit.request.clientRequestId(), clock.instant());
                }
            }
        } finally {
            if (release) {
                release(unit);
            }
        }
        ApiResponse response = unit.response
                .withHeader("request-id", unit.requestId)
                .withHeader("client-request-id", unit.request.clientRequestId() == null ? unit.requestId : unit.request.clientRequestId());
        unit.response = response;
        Integer retryAfterSeconds = null;
        String header = response.header("Retry-After");
        if (header != null && (response.status() == 429 || response.status() == 503)) {
            retryAfterSeconds = Integer.parseInt(header);
            if (unit.appId != null) {
                retryAfter.answered(unit.appId, unit.mailbox, retryAfterSeconds, unit.operation,
                        readable(unit.request, unit.relativePath));
            }
        }
        counters.record(new RequestRecord(unit.arrivedAt, clock.instant(), unit.appId, unit.mailbox, unit.operation,
                unit.request.method(), readable(unit.request, unit.relativePath),
                response.status(), retryAfterSeconds, unit.early != null, unit.inBatch,
                (System.nanoTime() - unit.startNanos) / 1_000_000, unit.early));
        return response;
    }

    void release(Unit unit) {
        if (unit.admitted != null) {
            unit.admitted.release();
            unit.admitted = null;
        }
    }

    void recordEnvelope(ApiRequest request, String appId, int status, Instant arrivedAt, long startNanos) {
        counters.record(new RequestRecord(arrivedAt, clock.instant(), appId, null, "batch", request.method(), request.rawPath(),
                status, null, false, false, (System.nanoTime() - startNanos) / 1_000_000, null));
    }

    Clock clock() {
        return clock;
    }

    private static List<String> me(List<String> segments, Caller caller) {
        if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("me")) {
            return segments;
        }
        if (!caller.delegated()) {
            throw GraphException.badRequest("BadRequest", "/me request is only valid with delegated authentication flow.");
        }
        List<String> rewritten = new ArrayList<>();
        rewritten.add("users");
        rewritten.add(caller.userPrincipalName());
        rewritten.addAll(segments.subList(1, segments.size()));
        return rewritten;
    }

    private GraphException unrouted(List<String> segments) {
        if (router.pathKnown(segments)) {
            return new GraphException(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
        }
        String segment = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        return GraphException.badRequest("BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    /**
     * {@code "/v1.0/users/a@b.com/messages?$top=5"}: the path decoded, as fault patterns and the request log show
     * it, whatever the client percent-encoded.
     */
    static String readable(ApiRequest request, String relativePath) {
        StringBuilder text = new StringBuilder("/v1.0");
        for (String segment : relativePath.split("/")) {
            if (!segment.isEmpty()) {
                text.append('/').append(ApiRequest.decodePathSegment(segment));
            }
        }
        if (request.rawQuery() != null) {
            text.append('?').append(ApiRequest.decode(request.rawQuery()));
        }
        return text.toString();
    }

    static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
