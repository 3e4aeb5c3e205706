package org.mailtrail.emulator.throttling;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Admits or refuses requests per (app, mailbox) under the current {@link ThrottlePolicy}. */
public final class Throttle {

    /** Why a request was refused. */
    public enum Cause {
        CONCURRENCY, BUDGET;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome of {@link #tryAcquire}: admitted with a slot to release, or refused with a Retry-After. */
    public sealed interface Decision permits Admitted, Refused {
    }

    /** Admitted: call {@link #release()} exactly once when the request is answered. */
    public static final class Admitted implements Decision {
        private final State state;
        private boolean released;

        Admitted(State state) {
            this.state = state;
        }

        public void release() {
            if (state == null) {
                return;
            }
            synchronized (state) {
                if (!released) {
                    released = true;
                    state.inFlight--;
                }
            }
        }
    }

    /** Refused with the Retry-After to send. */
    public record Refused(Cause cause, long retryAfterSeconds) implements Decision {
    }

    private static final class State {
        int inFlight;
        final Deque<Long> admitted = new ArrayDeque<>();
    }

    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile ThrottlePolicy policy;

    public Throttle(Clock clock, ThrottlePolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    public ThrottlePolicy policy() {
        return policy;
    }

    public void policy(ThrottlePolicy policy) {
        this.policy = policy;
    }

    public Decision tryAcquire(String appId, String mailbox) {
        ThrottlePolicy current = policy;
        State state = states.computeIfAbsent(appId + "|" + mailbox.toLowerCase(Locale.ROOT), k -> new State());
        long now = clock.millis();
        synchronized (state) {
            long windowStart = now - current.window().toMillis();
            while (!state.admitted.isEmpty() && state.admitted.peekFirst() <= windowStart) {
                state.admitted.removeFirst();
            }
            if (current.enabled()) {
                if (state.inFlight >= current.maxConcurrent()) {
                    return new Refused(Cause.CONCURRENCY, current.concurrencyRetryAfterSeconds());
                }
                if (state.admitted.size() >= current.budget()) {
                    long freesAt = state.admitted.peekFirst() + current.window().toMillis();
                    return new Refused(Cause.BUDGET, Math.max(1, (freesAt - now + 999) / 1000));
                }
            }
            state.inFlight++;
            state.admitted.addLast(now);
            if (state.admitted.size() > current.budget()) {
                state.admitted.removeFirst();
            }
            return new Admitted(state);
        }
    }

    /** For calls that address no mailbox: nothing to limit, nothing to release. */
    public static Admitted unlimited() {
        return new Admitted(null);
    }
}
