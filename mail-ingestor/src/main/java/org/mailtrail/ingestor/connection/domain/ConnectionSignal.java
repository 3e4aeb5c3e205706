package org.mailtrail.ingestor.connection.domain;

/**
 * What one instance received for a connection another instance runs.
 *
 * @param kind the feature it is for ({@code sync}, {@code dispositions}, {@code subscription}, {@code notified-mail})
 * @param subject which subscription a subscription signal is about; null for the other kinds
 * @param item what a notified-mail signal hands over: one rich notification's mail, still encrypted; null for the
 *        other kinds
 * @param traceparent the trace the signal was posted in (a webhook request's, say), which its handling continues;
 *        null when posted outside any
 */
public record ConnectionSignal(String connectionId, String kind, String subject, String item, String traceparent) {
}
