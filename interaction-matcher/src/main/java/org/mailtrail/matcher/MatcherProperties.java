package org.mailtrail.matcher;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param messageTimeout how long opening an IMAP mail may wait for mail-ingestor, which reads it from the mail server;
 *        shorter than the console's wait for this service, so a person is told why rather than that nothing answered
 * @param maxMessageSize the largest answer of mail-ingestor with a mail's content that is passed on; a larger one is
 *        refused as too large to show
 */
@ConfigurationProperties("mailtrail.matcher")
public record MatcherProperties(
        @DefaultValue("http://localhost:8082") URI ingestorUrl,
        @DefaultValue("2s") Duration ingestorTimeout,
        @DefaultValue("100000") int maxImportRows,
        @DefaultValue("1m") Duration holdSweepInterval,
        @DefaultValue("2s") Duration directoryRefreshInterval,
        @DefaultValue("8s") Duration messageTimeout,
        @DefaultValue("32MB") DataSize maxMessageSize) {

    public MatcherProperties {
        Objects.requireNonNull(directoryRefreshInterval, "mailtrail.matcher.directory-refresh-interval");
        if (directoryRefreshInterval.isNegative() || directoryRefreshInterval.isZero()) {
            throw new IllegalArgumentException(
                    "mailtrail.matcher.directory-refresh-interval must be positive, not " + directoryRefreshInterval);
        }
        if (messageTimeout == null || messageTimeout.isNegative() || messageTimeout.isZero()) {
            throw new IllegalArgumentException("mailtrail.matcher.message-timeout must be positive, not " + messageTimeout);
        }
        if (maxMessageSize == null || maxMessageSize.toBytes() <= 0 || maxMessageSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mailtrail.matcher.max-message-size must be between 1B and 2GB, not "
                    + maxMessageSize);
        }
    }
}
