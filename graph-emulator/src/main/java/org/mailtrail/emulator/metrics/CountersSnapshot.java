package org.mailtrail.emulator.metrics;

import java.util.Map;

/**
 * The counters at one moment.
 *
 * @param requests          answered requests by operation (e.g. {@code messages.delta}) and HTTP status
 * @param throttleUnits     requests admitted against each mailbox's budget, all apps together
 * @param throttled         429s by cause: {@code concurrency}, {@code budget}, {@code fault}
 * @param earlyRetries      requests that arrived before the Retry-After of an earlier 429/503 for the same app
 *                          and mailbox had elapsed
 * @param earlyRetriesByMailbox the same, by mailbox (lower case; {@code ""} for calls that address none), so one
 *                          test's or run's mailboxes can be judged apart from another's
 * @param notificationsSent change notifications a receiver acknowledged with 2xx
 * @param notificationsFailed delivery attempts of change notifications that failed (error status, no answer
 *                          within the timeout, connection refused), counted per notification
 * @param notificationsAbandoned change notifications given up after the last retry
 * @param notificationsDropped change notifications discarded on purpose (fault injection or a paused subscription)
 * @param notificationsDuplicated extra copies delivered on purpose
 * @param lifecycleSent     lifecycle notifications acknowledged
 * @param lifecycleFailed   lifecycle notification attempts that failed
 * @param validations       subscription validation handshakes by outcome ({@code succeeded}, {@code failed})
 */
public record CountersSnapshot(Map<String, Map<Integer, Long>> requests, Map<String, Long> throttleUnits,
                               Map<String, Long> throttled, long earlyRetries,
                               Map<String, Long> earlyRetriesByMailbox, long notificationsSent,
                               long notificationsFailed, long notificationsAbandoned, long notificationsDropped,
                               long notificationsDuplicated, long lifecycleSent, long lifecycleFailed,
                               Map<String, Long> validations) {

    public long requests(String operation, int status) {
        return requests.getOrDefault(operation, Map.of()).getOrDefault(status, 0L);
    }

    public long requestsWithStatus(int status) {
        return requests.values().stream().mapToLong(byStatus -> byStatus.getOrDefault(status, 0L)).sum();
    }

    /** Early requests to these mailboxes only. */
    public long earlyRetries(java.util.Collection<String> mailboxes) {
        return mailboxes.stream().mapToLong(m -> earlyRetriesByMailbox.getOrDefault(m.toLowerCase(java.util.Locale.ROOT), 0L))
                .sum();
    }

    public long throttleUnits(String mailbox) {
        return throttleUnits.getOrDefault(mailbox.toLowerCase(java.util.Locale.ROOT), 0L);
    }
}
