package org.mailtrail.platform.tracing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where spans go.
 *
 * @param otlpTracesEndpoint the OTLP over HTTP endpoint spans are exported to
 *        ({@code http://collector:4318/v1/traces}); none: nothing is exported, while trace ids are still made,
 *        propagated and logged
 */
@ConfigurationProperties("mailtrail.tracing")
public record TracingProperties(URI otlpTracesEndpoint) {

    public TracingProperties {
        if (otlpTracesEndpoint != null && !otlpTracesEndpoint.toString().isEmpty()
                && (!otlpTracesEndpoint.isAbsolute() || otlpTracesEndpoint.getHost() == null
                        || !otlpTracesEndpoint.getScheme().matches("https?"))) {
            throw new IllegalArgumentException("mailtrail.tracing.otlp-traces-endpoint must be an http(s) URL such as "
                    + "http://collector:4318/v1/traces, not '" + otlpTracesEndpoint + "'");
        }
        if (otlpTracesEndpoint != null && otlpTracesEndpoint.toString().isEmpty()) {
            otlpTracesEndpoint = null;
        }
    }

    public boolean exports() {
        return otlpTracesEndpoint != null;
    }
}
