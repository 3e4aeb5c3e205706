package org.mailtrail.ingestor.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.mailtrail.platform.graph.MailboxPermits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ResponseHeaders;

import io.micrometer.core.instrument.Counter;

/**
 * Keeps everything the ingestor sends to one mailbox inside Outlook's limits, whichever flow sends it (delta
 * rounds, subscriptions, moves, link lookups): at most {@code maxConcurrent} requests in flight (here, and with
 * the {@link MailboxPermits} every other process shares, across all of them), at most {@code budget} requests
 * per {@code window} (units Graph answered without running, such as the items of a {@code $batch} it skipped,
 * are given back), and after a 429 or 503 no request at all until its Retry-After has elapsed. Waiting happens
 * on the caller's thread, which is that mailbox's own, so a throttled mailbox never holds up another.
 *
 * <p>A request already on its way when Graph throttles another one would reach Graph before the Retry-After
 * is known here. So once a mailbox has been throttled, and for the calm period after its last Retry-After,
 * its requests go one at a time: whatever answer comes back, no other request is in flight. A request admitted
 * here still takes a while to reach the wire (a token to fetch, a TLS connection to open); a Retry-After that
 * arrives meanwhile is checked once more at the last moment, by {@link RetryAfterAtSend}. A mailbox's first
 * calm period is calm too: when a connection starts, its subscription and its first delta round would otherwise go
 * out side by side, and the second one be on its way when Graph throttles the first.
 */
public final class MailboxGate {

    private static final Logger log = LoggerFactory.getLogger(MailboxGate.class);

    private static final Set<Integer> RETRYABLE = Set.of(429, 503, 504);
    /** The gate whose request the current thread is sending, for {@link RetryAfterAtSend}. */
    private static final ThreadLocal<MailboxGate> SENDING = new ThreadLocal<>();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final String mailbox;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final int budget;
    private final Duration window;
    private final int maxAttempts;
    private final Clock clock;
    private final Counter retryAfterWait;
    private final MailboxPermits permits;
    private final Duration calmPeriod;
    private final Deque<Instant> admitted = new ArrayDeque<>();
    private Instant notBefore = Instant.EPOCH;
    private Instant oneAtATimeUntil = Instant.EPOCH;

    /**
     * @param permits the mailbox's concurrent requests, shared with every other process; as many as they allow
     *        are in flight from here at most
     */
    public MailboxGate(String mailbox, int budget, Duration window, int maxAttempts, Duration calmPeriod,
            Clock clock, Counter retryAfterWait, MailboxPermits permits) {
        int maxConcurrent = permits.perMailbox();
        this.mailbox = mailbox;
        this.permits = permits;
        this.calmPeriod = calmPeriod;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent, true);
        this.budget = budget;
        this.window = window;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.retryAfterWait = retryAfterWait;
        this.oneAtATimeUntil = clock.instant().plus(calmPeriod);
    }

    public String mailbox() {
        return mailbox;
    }

    /**
     * Sends one request when the mailbox's limits allow it, and again after the Retry-After when Graph answers
     * 429, 503 or 504, up to the configured attempts.
     *
     * @param units how many requests this counts against the budget (the items of a {@code $batch})
     * @param slotsNeeded how many of the mailbox's concurrent requests it occupies at Graph
     * @param onUnauthorized run once when Graph refuses the token, before the one retry with a fresh token
     */
    public <T> T call(int units, int slotsNeeded, Runnable onUnauthorized, Supplier<T> request) {
        return call(units, slotsNeeded, onUnauthorized, request, answer -> 0);
    }

    /**
     * Like {@link #call(int, int, Runnable, Supplier)}, for a request whose answer tells how many of its units
     * Graph did not run (the items of a {@code $batch} it skipped): those go back to the budget.
     */
    public <T> T call(int units, int slotsNeeded, Runnable onUnauthorized, Supplier<T> request,
            ToIntFunction<T> notRun) {
        int wanted = Math.min(Math.max(1, slotsNeeded), maxConcurrent);
        boolean refreshedToken = false;
        for (int attempt = 1;; attempt++) {
            Admission admission = acquire(units, wanted);
            int held = admission.slots();
            MailboxPermits.Held shared = shared(held);
            MailboxGate outer = SENDING.get();
            SENDING.set(this);
            try {
                T answer = request.get();
                refund(admission, notRun.applyAsInt(answer));
                return answer;
            } catch (ApiException e) {
                int status = e.getResponseStatusCode();
                if (RETRYABLE.contains(status)) {
                    // Held back even when this was the last attempt: the next caller must wait too.
                    holdOff(retryAfter(e.getResponseHeaders(), attempt));
                    if (attempt < maxAttempts) {
                        continue;
                    }
                }
                if (status == 401 && !refreshedToken) {
                    refreshedToken = true;
                    onUnauthorized.run();
                    continue;
                }
                throw e;
            } finally {
                if (outer == null) {
                    SENDING.remove();
                } else {
                    SENDING.set(outer);
                }
                slots.release(held);
                giveBack(shared);
            }
        }
    }

    /**
     * The mailbox's permits shared with every other process, as many as the slots held here (the gate has as
     * many slots as there are permits): all of them while the mailbox goes one at a time, so that no other
     * process has a request in flight either.
     */
    private MailboxPermits.Held shared(int held) {
        try {
            return permits.acquire(mailbox, held);
        } catch (InterruptedException e) {
            slots.release(held);
            Thread.currentThread().interrupt();
            throw new GraphInterruptedException(mailbox);
        } catch (RuntimeException e) {
            slots.release(held);
            throw e;
        }
    }

    /**
     * Gives the shared permits back. When their store cannot be reached (an outage), they stay taken until their
     * lease ends; the request is answered all the same, and this gate's own slots are already free.
     */
    private void giveBack(MailboxPermits.Held shared) {
        try {
            shared.close();
        } catch (RuntimeException e) {
            log.warn("the request permits of mailbox {} could not be given back, they are free again when their "
                    + "lease ends: {}", mailbox, e.toString());
        }
    }

    /** The gate of the request this thread is sending, if it goes through one. */
    static MailboxGate sending() {
        return SENDING.get();
    }

    /** How long from now requests to this mailbox are still held back; zero when they are not. */
    Duration heldBackFor() {
        Duration wait = Duration.between(clock.instant(), notBefore());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Waits until no Retry-After holds this mailbox back. */
    void awaitRetryAfterNow() {
        awaitRetryAfter();
    }

    /** Holds every request to this mailbox back until {@code wait} has passed from now. */
    public synchronized void holdOff(Duration wait) {
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
        Instant calm = until.plus(calmPeriod);
        if (calm.isAfter(oneAtATimeUntil)) {
            oneAtATimeUntil = calm;
        }
    }

    /** Whether requests currently go one at a time, after a recent Retry-After or when the mailbox is new here. */
    public synchronized boolean oneAtATime() {
        return clock.instant().isBefore(oneAtATimeUntil);
    }

    /** Whether Graph asked this mailbox to wait within the calm period. */
    public synchronized boolean throttledRecently() {
        return !notBefore.equals(Instant.EPOCH) && clock.instant().isBefore(notBefore.plus(calmPeriod));
    }

    /** Until when requests are held back after the last Retry-After. */
    public synchronized Instant notBefore() {
        return notBefore;
    }

    /** How long Graph asked to wait, from a response's headers. */
    public Duration retryAfter(ResponseHeaders headers, int attempt) {
        return retryAfter(headers == null ? null : first(headers, "Retry-After"), attempt);
    }

    /** Retry-After in seconds or as a date; without one, a backoff that grows with the attempt. */
    public Duration retryAfter(String value, int attempt) {
        if (value != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration until = Duration.between(clock.instant(),
                            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return until.isNegative() ? Duration.ZERO : until;
                } catch (DateTimeParseException notADate) {
                    // neither form: back off as if there were none
                }
            }
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(Math.max(attempt, 1) - 1, 6));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static String first(ResponseHeaders headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().iterator().next();
            }
        }
        return null;
    }

    /** What a request was let through with: the slots it holds, and when its units were counted against the budget. */
    private record Admission(int slots, Instant counted, int units) {
    }

    /** Waits for the slots (all of them while the mailbox goes one at a time) and the budget. */
    private Admission acquire(int units, int wanted) {
        while (true) {
            awaitRetryAfter();
            int permits = oneAtATime() ? maxConcurrent : wanted;
            try {
                slots.acquire(permits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphInterruptedException(mailbox);
            }
            if (permits < maxConcurrent && oneAtATime()) {
                // Throttled while this request queued: it must now wait for the others to finish.
                slots.release(permits);
                continue;
            }
            try {
                // A Retry-After may have arrived while this request queued for a slot.
                awaitRetryAfter();
                return new Admission(permits, reserveBudget(units), Math.min(units, budget));
            } catch (RuntimeException e) {
                slots.release(permits);
                throw e;
            }
        }
    }

    private void awaitRetryAfter() {
        while (true) {
            Duration wait = Duration.between(clock.instant(), notBefore());
            if (wait.isNegative() || wait.isZero()) {
                return;
            }
            retryAfterWait.increment(wait.toMillis() / 1000.0);
            sleep(wait);
        }
    }

    /** Counts {@code units} against the budget once the window has room for them; answers when. */
    private Instant reserveBudget(int units) {
        int needed = Math.min(units, budget);
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                Instant windowStart = now.minus(window);
                while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(windowStart)) {
                    admitted.removeFirst();
                }
                if (admitted.size() + needed <= budget) {
                    for (int i = 0; i < needed; i++) {
                        admitted.addLast(now);
                    }
                    return now;
                }
                // The oldest requests leave the window first; wait until enough of them have.
                Instant freesAt = admitted.stream().skip(admitted.size() + needed - budget - 1L).findFirst()
                        .orElse(now).plus(window);
                wait = Duration.between(now, freesAt).plusMillis(1);
            }
            sleep(wait);
        }
    }

    /** Takes units Graph did not run off the budget again: they were counted when their request was let through. */
    private synchronized void refund(Admission admission, int units) {
        int refunded = Math.min(Math.max(0, units), admission.units());
        for (int i = 0; i < refunded; i++) {
            if (!admitted.removeLastOccurrence(admission.counted())) {
                return; // already out of the window
            }
        }
    }

    /** Requests admitted within the current budget window. */
    public synchronized int admittedInWindow() {
        Instant windowStart = clock.instant().minus(window);
        return (int) admitted.stream().filter(at -> at.isAfter(windowStart)).count();
    }

    private void sleep(Duration wait) {
        try {
            TimeUnit.MILLISECONDS.sleep(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphInterruptedException(mailbox);
        }
    }
}
