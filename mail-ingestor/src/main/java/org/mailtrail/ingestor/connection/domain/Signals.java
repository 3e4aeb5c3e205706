package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.store.SignalStore;
import org.mailtrail.ingestor.connection.store.SignalStore.Signal;
import org.mailtrail.ingestor.work.Work;
import org.springframework.stereotype.Component;

/**
 * Hands what an instance receives for a connection it does not run (Graph's notification reaches whichever
 * instance the load balancer picks; a disposition command, whichever consumes its partition) to the instance
 * that runs it. Each feature posts its own kind of signal and picks its kind up for its connections.
 */
@Component
public class Signals {

    /** A signal nobody took within this time is for a connection no instance runs. */
    private static final Duration UNCLAIMED = Duration.ofHours(1);

    private final SignalStore store;
    private final Work work;
    private final Clock clock;
    private final Duration pollInterval;

    public Signals(SignalStore store, Work work, Clock clock, IngestorProperties properties) {
        this.store = store;
        this.work = work;
        this.clock = clock;
        this.pollInterval = properties.ownership().signalPollInterval();
        work.every(Duration.ofMinutes(10), () -> store.forgetOlderThan(clock.instant().minus(UNCLAIMED)));
    }

    public void post(String connectionId, String kind, String subject) {
        store.post(new Signal(connectionId, kind, subject), clock.instant());
    }

    /**
     * Picks up, at the poll interval, the signals of {@code kind} for the connections {@code running} lists on
     * this instance, and hands each to {@code handler} on a worker thread.
     */
    public void receive(String kind, Supplier<Collection<String>> running, Consumer<Signal> handler) {
        // The timer only triggers; the query and the handling run on worker threads.
        work.every(pollInterval, () -> work.submit("picking up " + kind + " signals", () -> {
            List<Signal> signals = store.take(kind, running.get());
            signals.forEach(signal -> work.submit(kind + " signal for " + signal.connectionId(),
                    () -> handler.accept(signal)));
        }));
    }
}
