package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;

import org.mailtrail.matcher.interactionlog.store.RematchDocument;

/**
 * A re-run of matching over held mail, as far as it got.
 *
 * @param status RUNNING, DONE or FAILED
 * @param total held mails of the period when it started
 * @param processed of those, matched again so far (a mail logged meanwhile by a directory change is counted too)
 * @param loggedLate of those, logged by this run
 * @param error why it failed
 */
public record Rematch(String id, String connectionId, Instant from, Instant to, String requestedBy, String status,
        long total, long processed, long loggedLate, Instant startedAt, Instant finishedAt, String error) {

    static Rematch of(RematchDocument document) {
        return new Rematch(document.id(), document.connectionId(), document.from(), document.to(),
                document.requestedBy(), document.status(), document.total(), document.processed(),
                document.loggedLate(), document.startedAt(), document.finishedAt(), document.error());
    }
}
