package org.mailtrail.platform.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service writes its log lines on the console.
 *
 * @param format {@code text} (the default) or {@code json}: one JSON object a line, in Elastic Common Schema, with
 *        the trace and span ids of the line
 */
@ConfigurationProperties("mailtrail.logging")
public record LogFormatProperties(@DefaultValue("text") Format format) {

    public enum Format {
        TEXT, JSON
    }
}
