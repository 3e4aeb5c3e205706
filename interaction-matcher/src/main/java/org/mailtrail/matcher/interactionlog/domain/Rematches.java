package org.mailtrail.matcher.interactionlog.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.matcher.interactionlog.store.HeldMailDocument;
import org.mailtrail.matcher.interactionlog.store.HeldMailStore;
import org.mailtrail.matcher.interactionlog.store.RematchDocument;
import org.mailtrail.matcher.interactionlog.store.RematchStore;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An administrator's re-run of matching over a connection's held mail of a period, e.g. after fixing the
 * directory in a way that no directory change reports. Runs a page of held mail at a time on the platform's
 * timers, recording its progress after each page, so any instance can report it.
 */
@Service
public class Rematches {

    /** The longest period one re-run covers. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    private static final Logger log = LoggerFactory.getLogger(Rematches.class);
    private static final int PAGE = 100;
    private static final int LATEST = 20;

    private final HeldMailStore held;
    private final HeldMail heldMail;
    private final RematchStore store;
    private final Timers timers;
    private final Clock clock;

    Rematches(HeldMailStore held, HeldMail heldMail, RematchStore store, Timers timers, Clock clock) {
        this.held = held;
        this.heldMail = heldMail;
        this.store = store;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Starts a re-run over the connection's mail received in [from, to) and held now.
     *
     * @throws IllegalArgumentException for a period that ends before it starts or is longer than {@link #MAX_PERIOD}
     */
    public Rematch start(String connectionId, Instant from, Instant to, String requestedBy) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts: from " + from + ", to " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("a re-run covers at most " + MAX_PERIOD.toDays() + " days");
        }
        RematchDocument started = new RematchDocument(UUID.randomUUID().toString(), connectionId, from, to,
                requestedBy, RUNNING, held.countReceived(connectionId, from, to), 0, 0, clock.instant(), null, null);
        store.insert(started);
        timers.after("re-run of matching " + started.id(), Duration.ZERO, () -> page(started, null, 0, 0));
        return Rematch.of(started);
    }

    public Optional<Rematch> find(String id) {
        return store.find(id).map(Rematch::of);
    }

    public List<Rematch> latest(String connectionId) {
        return store.latest(connectionId, LATEST).stream().map(Rematch::of).toList();
    }

    /** Matches one page of held mail again, records the progress, and hands the next page on. */
    private void page(RematchDocument rematch, String afterId, long processed, long loggedLate) {
        try {
            List<HeldMailDocument> page = held.received(rematch.connectionId(), rematch.from(), rematch.to(),
                    afterId, PAGE);
            long done = processed;
            long logged = loggedLate;
            for (HeldMailDocument mail : page) {
                if (heldMail.matchAgain(mail, HeldMail.REMATCH)) {
                    logged++;
                }
                done++;
            }
            if (page.size() < PAGE) {
                store.finish(rematch.id(), DONE, done, logged, clock.instant(), null);
                log.info("Re-run {} of matching over held mail of {} done: {} matched again, {} logged late",
                        rematch.id(), rematch.connectionId(), done, logged);
                return;
            }
            store.progress(rematch.id(), done, logged);
            String last = page.get(page.size() - 1).id();
            long doneSoFar = done;
            long loggedSoFar = logged;
            timers.after("re-run of matching " + rematch.id(), Duration.ZERO,
                    () -> page(rematch, last, doneSoFar, loggedSoFar));
        } catch (RuntimeException e) {
            log.warn("Re-run {} of matching over held mail of {} failed", rematch.id(), rematch.connectionId(), e);
            store.finish(rematch.id(), FAILED, processed, loggedLate, clock.instant(), e.toString());
        }
    }
}
