package org.mailtrail.ingestor.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiExceptionBuilder;
import com.microsoft.kiota.BaseRequestConfiguration;
import com.microsoft.kiota.NativeResponseHandler;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.ResponseHeaders;

import okhttp3.Response;

/**
 * One connection's Graph client for one mailbox, with that mailbox's gate around every call. Callers build
 * the request with the SDK and hand it over as a supplier, so a Retry-After or an expired token is handled
 * the same way for every flow.
 */
public final class MailboxGraph {

    /** Graph answers with immutable ids, which survive moves, when asked on each request. */
    public static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";

    private final String connectionId;
    private final String mailbox;
    private final GraphServiceClient client;
    private final MailboxGate gate;
    private final Runnable onUnauthorized;
    private final Supplier<Optional<String>> tenant;
    private final GraphRequestMetrics metrics;

    MailboxGraph(String connectionId, String mailbox, GraphServiceClient client, MailboxGate gate,
            Runnable onUnauthorized, Supplier<Optional<String>> tenant, GraphRequestMetrics metrics) {
        this.connectionId = connectionId;
        this.mailbox = mailbox;
        this.client = client;
        this.gate = gate;
        this.onUnauthorized = onUnauthorized;
        this.tenant = tenant;
        this.metrics = metrics;
    }

    public String connectionId() {
        return connectionId;
    }

    public String mailbox() {
        return mailbox;
    }

    public GraphServiceClient client() {
        return client;
    }

    public MailboxGate gate() {
        return gate;
    }

    /** The directory (tenant) id the connection's tokens are issued for, when its token says so. */
    public Optional<String> tenantId() {
        return tenant.get();
    }

    public GraphRequestMetrics metrics() {
        return metrics;
    }

    /** One Graph request through the mailbox's gate. */
    public <T> T call(Supplier<T> request) {
        return gate.call(1, 1, onUnauthorized, request);
    }

    public void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }

    /**
     * Sends a {@code $batch} through the gate: its items count against the budget (except those Graph skipped,
     * answering 424, since they never reached the mailbox), and it occupies as many of the mailbox's concurrent
     * requests as Graph runs of its items side by side.
     */
    public BatchResponseContent batch(BatchRequestContent content, int items, int sideBySide) {
        return gate.call(items, sideBySide, onUnauthorized, () -> {
            BatchResponseContent response = postBatch(content);
            // Before the batch's slots are released: no request may slip out ahead of an item's Retry-After.
            response.getResponsesStatusCode().forEach((id, status) -> {
                if (status == 429 || status == 503) {
                    Response item = response.getResponseById(id);
                    gate.holdOff(gate.retryAfter(item == null ? null : item.header("Retry-After"), 1));
                }
            });
            return response;
        }, response -> (int) response.getResponsesStatusCode().values().stream().filter(status -> status == 424)
                .count());
    }

    /**
     * The request settings every call shares: its name for the metrics and its {@code Prefer} headers, sent on
     * every request of it (pages 2..n of a delta round included, when passed to each).
     */
    public static <C extends BaseRequestConfiguration> Consumer<C> request(String operation, String... preferences) {
        return config -> {
            config.options.add(new GraphOperation(operation));
            for (String preference : preferences) {
                config.headers.add("Prefer", preference);
            }
        };
    }

    private BatchResponseContent postBatch(BatchRequestContent content) {
        RequestInformation request;
        try {
            request = client.getBatchRequestBuilder().toPostRequestInformation(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the $batch request", e);
        }
        request.addRequestOptions(List.of(new GraphOperation("batch")));
        NativeResponseHandler handler = new NativeResponseHandler();
        request.setResponseHandler(handler);
        client.getRequestAdapter().sendPrimitive(request, null, InputStream.class);
        Response response = (Response) handler.getValue();
        if (!response.isSuccessful()) {
            ResponseHeaders headers = new ResponseHeaders();
            response.headers().forEach(header -> headers.add(header.getFirst(), header.getSecond()));
            int status = response.code();
            String body = errorBody(response);
            throw new ApiExceptionBuilder().withMessage("$batch answered " + status + (body.isEmpty() ? "" : " " + body))
                    .withResponseStatusCode(status).withResponseHeaders(headers).build();
        }
        return new BatchResponseContent(response, null);
    }

    /** The start of an error answer's body, for the reason a refused batch's commands report. */
    private static String errorBody(Response response) {
        try (response) {
            String body = response.body() == null ? "" : response.body().string().strip();
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        } catch (IOException e) {
            return "";
        }
    }
}
