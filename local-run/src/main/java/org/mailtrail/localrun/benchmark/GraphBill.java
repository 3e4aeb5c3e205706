package org.mailtrail.localrun.benchmark;

import java.util.List;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.metrics.CountersSnapshot;
import org.mailtrail.emulator.metrics.RequestRecord;

/**
 * What one emulator was asked for, from its counters and its request log. The counters give throttle units,
 * token requests, early retries and notifications; HTTP round trips need the request log, which alone tells a
 * request on the wire from an item inside a {@code $batch}. The log keeps the last 20,000 requests, so it is
 * read every second ({@link #drain()}) and tallied here.
 */
final class GraphBill {

    /**
     * Totals since the bill was opened; {@link #minus} gives a phase's share.
     *
     * @param roundTrips   Graph requests on the wire (a {@code $batch} counts once), Entra's token endpoint excluded
     * @param batchItems   requests carried inside a {@code $batch}
     * @param http429      429s answered to requests on the wire
     * @param batchItem429 429s answered to items inside a {@code $batch}
     * @param throttleUnits requests admitted against the mailbox's budget (each batch item is one)
     * @param tokenRequests requests to Entra's token endpoint
     * @param notifications change notifications the webhook acknowledged
     */
    record Usage(long roundTrips, long batchItems, long http429, long batchItem429, long throttleUnits,
            long earlyRetries, long tokenRequests, long notifications) {

        Usage minus(Usage earlier) {
            return new Usage(roundTrips - earlier.roundTrips, batchItems - earlier.batchItems,
                    http429 - earlier.http429, batchItem429 - earlier.batchItem429,
                    throttleUnits - earlier.throttleUnits, earlyRetries - earlier.earlyRetries,
                    tokenRequests - earlier.tokenRequests, notifications - earlier.notifications);
        }

        Usage plus(Usage other) {
            return new Usage(roundTrips + other.roundTrips, batchItems + other.batchItems, http429 + other.http429,
                    batchItem429 + other.batchItem429, throttleUnits + other.throttleUnits,
                    earlyRetries + other.earlyRetries, tokenRequests + other.tokenRequests,
                    notifications + other.notifications);
        }

        static Usage none() {
            return new Usage(0, 0, 0, 0, 0, 0, 0, 0);
        }

        long received429() {
            return http429 + batchItem429;
        }
    }

    private final GraphEmulator emulator;
    private final String mailbox;
    private RequestRecord lastSeen;
    private long roundTrips;
    private long batchItems;
    private long http429;
    private long batchItem429;
    private boolean logOverflowed;

    GraphBill(GraphEmulator emulator, String mailbox) {
        this.emulator = emulator;
        this.mailbox = mailbox;
        List<RequestRecord> log = emulator.requestLog();
        lastSeen = log.isEmpty() ? null : log.get(log.size() - 1);
    }

    /** Tallies the requests logged since the last call. */
    synchronized void drain() {
        List<RequestRecord> log = emulator.requestLog();
        int from = 0;
        if (lastSeen != null) {
            int index = lastIndexOf(log, lastSeen);
            if (index < 0) {
                logOverflowed = true;
            }
            from = index + 1;
        }
        for (RequestRecord record : log.subList(from, log.size())) {
            if (record.inBatch()) {
                batchItems++;
                batchItem429 += record.status() == 429 ? 1 : 0;
            } else {
                roundTrips++;
                http429 += record.status() == 429 ? 1 : 0;
            }
        }
        if (!log.isEmpty()) {
            lastSeen = log.get(log.size() - 1);
        }
    }

    /** The totals up to now. */
    synchronized Usage usage() {
        drain();
        CountersSnapshot counters = emulator.counters();
        long tokens = counters.requests().entrySet().stream().filter(entry -> entry.getKey().startsWith("entra."))
                .flatMap(entry -> entry.getValue().values().stream()).mapToLong(Long::longValue).sum();
        return new Usage(roundTrips, batchItems, http429, batchItem429, counters.throttleUnits(mailbox),
                counters.earlyRetries(), tokens, counters.notificationsSent());
    }

    /** Whether requests went unseen because more than the log keeps arrived between two reads. */
    synchronized boolean logOverflowed() {
        return logOverflowed;
    }

    /** By identity: the log holds the very records it was given, in the order they were answered. */
    private static int lastIndexOf(List<RequestRecord> log, RequestRecord record) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i) == record) {
                return i;
            }
        }
        return -1;
    }
}
