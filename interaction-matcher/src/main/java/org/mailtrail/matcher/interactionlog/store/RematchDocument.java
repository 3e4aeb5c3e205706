package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An administrator's re-run of matching over a connection's held mail of a period, with its progress, so that any
 * instance can report it.
 *
 * @param status RUNNING, DONE or FAILED
 * @param total held mails of the period when the run started
 * @param processed of those, matched again so far
 * @param loggedLate of those, logged
 */
@Document(RematchDocument.COLLECTION)
public record RematchDocument(
        @Id String id,
        String connectionId,
        Instant from,
        Instant to,
        String requestedBy,
        String status,
        long total,
        long processed,
        long loggedLate,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    public static final String COLLECTION = "rematches";
}
