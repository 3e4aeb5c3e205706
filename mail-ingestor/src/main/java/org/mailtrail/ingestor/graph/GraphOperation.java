package org.mailtrail.ingestor.graph;

import com.microsoft.kiota.RequestOption;

/**
 * Names a Graph request for the metrics ({@code messages.delta}, {@code subscriptions.create}, ...). The SDK
 * hands request options to the HTTP layer as tags, where {@link GraphRequestMetrics} reads it.
 */
public record GraphOperation(String name) implements RequestOption {

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RequestOption> Class<T> getType() {
        return (Class<T>) GraphOperation.class;
    }
}
