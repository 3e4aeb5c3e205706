package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;

import org.mailtrail.events.mail.Disposition;

/**
 * A mail whose disposition the ingestor could not carry out, as it last reported.
 *
 * @param mailKey the mail's key, connectionId/internetMessageId
 * @param requested the disposition that failed
 * @param reason what the ingestor gave as the reason
 * @param reportedAt when the ingestor reported the failure
 */
public record FailedDisposition(String mailKey, String internetMessageId, Disposition requested, String reason,
        Instant reportedAt) {
}
