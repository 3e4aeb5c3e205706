package org.mailtrail.emulator.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters plus the bounded request log. */
public final class Counters {

    private static final int LOG_CAPACITY = 20_000;
    /** Early requests are kept apart, so that a long run's log does not push the evidence out. */
    private static final int EARLY_CAPACITY = 1_000;

    private final Map<String, Map<Integer, LongAdder>> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttleUnits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> validations = new ConcurrentHashMap<>();
    private final LongAdder earlyRetries = new LongAdder();
    private final Map<String, LongAdder> earlyByMailbox = new ConcurrentHashMap<>();
    private final Deque<RequestRecord> earlyRequests = new ArrayDeque<>();
    private final LongAdder notificationsSent = new LongAdder();
    private final LongAdder notificationsFailed = new LongAdder();
    private final LongAdder notificationsAbandoned = new LongAdder();
    private final LongAdder notificationsDropped = new LongAdder();
    private final LongAdder notificationsDuplicated = new LongAdder();
    private final LongAdder lifecycleSent = new LongAdder();
    private final LongAdder lifecycleFailed = new LongAdder();
    private final Deque<RequestRecord> log = new ArrayDeque<>();

    public void request(String operation, int status) {
        requests.computeIfAbsent(operation, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void record(RequestRecord record) {
        request(record.operation(), record.status());
        if (record.earlyRetry()) {
            earlyRetries.increment();
            earlyByMailbox.computeIfAbsent(mailboxKey(record.mailbox()), m -> new LongAdder()).increment();
            synchronized (earlyRequests) {
                if (earlyRequests.size() == EARLY_CAPACITY) {
                    earlyRequests.removeFirst();
                }
                earlyRequests.addLast(record);
            }
        }
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(record);
        }
    }

    public void throttleUnit(String mailbox) {
        throttleUnits.computeIfAbsent(mailbox.toLowerCase(Locale.ROOT), m -> new LongAdder()).increment();
    }

    public void throttled(String cause) {
        throttled.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    public void validation(boolean succeeded) {
        validations.computeIfAbsent(succeeded ? "succeeded" : "failed", c -> new LongAdder()).increment();
    }

    public void notificationsSent(int count) {
        notificationsSent.add(count);
    }

    public void notificationsFailed(int count) {
        notificationsFailed.add(count);
    }

    public void notificationsAbandoned(int count) {
        notificationsAbandoned.add(count);
    }

    public void notificationDropped() {
        notificationsDropped.increment();
    }

    public void notificationDuplicated() {
        notificationsDuplicated.increment();
    }

    public void lifecycleSent(int count) {
        lifecycleSent.add(count);
    }

    public void lifecycleFailed(int count) {
        lifecycleFailed.add(count);
    }

    public List<RequestRecord> requestLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The requests that arrived before a Retry-After of their app and mailbox had elapsed, oldest first. */
    public List<RequestRecord> earlyRequests() {
        synchronized (earlyRequests) {
            return List.copyOf(earlyRequests);
        }
    }

    public CountersSnapshot snapshot() {
        Map<String, Map<Integer, Long>> byOperation = new TreeMap<>();
        requests.forEach((operation, byStatus) -> {
            Map<Integer, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
            byOperation.put(operation, statuses);
        });
        return new CountersSnapshot(byOperation, sums(throttleUnits), sums(throttled), earlyRetries.sum(),
                sums(earlyByMailbox),
                notificationsSent.sum(), notificationsFailed.sum(), notificationsAbandoned.sum(),
                notificationsDropped.sum(), notificationsDuplicated.sum(), lifecycleSent.sum(),
                lifecycleFailed.sum(), sums(validations));
    }

    public void reset() {
        requests.clear();
        throttleUnits.clear();
        throttled.clear();
        validations.clear();
        earlyByMailbox.clear();
        synchronized (earlyRequests) {
            earlyRequests.clear();
        }
        for (LongAdder adder : List.of(earlyRetries, notificationsSent, notificationsFailed, notificationsAbandoned,
                notificationsDropped, notificationsDuplicated, lifecycleSent, lifecycleFailed)) {
            adder.reset();
        }
        synchronized (log) {
            log.clear();
        }
    }

    private static String mailboxKey(String mailbox) {
        return mailbox == null ? "" : mailbox.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
