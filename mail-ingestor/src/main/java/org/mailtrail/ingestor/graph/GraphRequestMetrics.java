package org.mailtrail.ingestor.graph;

import java.io.IOException;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts every answered Graph request as {@code mailtrail.graph.requests{operation,status}}, where it meets
 * the network, so the count holds whatever the SDK does around it. Items of a {@code $batch} are counted by
 * the batch's caller through {@link #record}.
 */
@Component
public class GraphRequestMetrics implements Interceptor {

    private final MeterRegistry registry;

    public GraphRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        GraphOperation operation = chain.request().tag(GraphOperation.class);
        String name = operation == null ? "other" : operation.name();
        try {
            Response response = chain.proceed(chain.request());
            record(name, Integer.toString(response.code()));
            return response;
        } catch (IOException e) {
            record(name, "io_error");
            throw e;
        }
    }

    public void record(String operation, int status) {
        record(operation, Integer.toString(status));
    }

    private void record(String operation, String status) {
        Counter.builder("mailtrail.graph.requests")
                .description("Microsoft Graph requests answered, by operation and HTTP status")
                .tag("operation", operation)
                .tag("status", status)
                .register(registry)
                .increment();
    }
}
