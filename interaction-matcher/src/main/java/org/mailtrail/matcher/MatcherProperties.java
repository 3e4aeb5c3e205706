package org.mailtrail.matcher;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The matcher's own settings ({@code mailtrail.matcher.*}).
 *
 * @param ingestorUrl where mail-ingestor's internal API answers, for fresh links to a mail
 * @param ingestorTimeout how long a link request to mail-ingestor may take before the stored link is used instead
 * @param maxImportRows the most rows one directory import request may carry; a request with more is refused
 * @param holdSweepInterval how often held mail whose retention ended is looked for
 * @param directoryRefreshInterval how often the directory and the connection policies other instances wrote to
 *        MongoDB are read into this instance's memory: about how long a change made through one instance takes
 *        to reach the others
 */
@ConfigurationProperties("mailtrail.matcher")
public record MatcherProperties(
        @DefaultValue("http://localhost:8082") URI ingestorUrl,
        @DefaultValue("2s") Duration ingestorTimeout,
        @DefaultValue("100000") int maxImportRows,
        @DefaultValue("1m") Duration holdSweepInterval,
        @DefaultValue("2s") Duration directoryRefreshInterval) {

    public MatcherProperties {
        Objects.requireNonNull(directoryRefreshInterval, "mailtrail.matcher.directory-refresh-interval");
        if (directoryRefreshInterval.isNegative() || directoryRefreshInterval.isZero()) {
            throw new IllegalArgumentException(
                    "mailtrail.matcher.directory-refresh-interval must be positive, not " + directoryRefreshInterval);
        }
    }
}
