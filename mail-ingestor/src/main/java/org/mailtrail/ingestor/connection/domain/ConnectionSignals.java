package org.mailtrail.ingestor.connection.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.store.SignalStore;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.platform.tracing.Traces;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Hands what an instance receives for a connection it does not run (Graph's notification reaches whichever
 * instance the load balancer picks; a disposition command, whichever consumes its partition) to the instance
 * that runs it. Each feature posts its own kind of signal and picks its kind up for its connections.
 */
@Component
public class ConnectionSignals implements DisposableBean {

    /** A signal nobody took within this time is for a connection no instance runs. */
    private static final Duration UNCLAIMED = Duration.ofHours(1);
    private static final Duration FORGET_INTERVAL = Duration.ofMinutes(10);

    private final SignalStore store;
    private final WorkerPool pool;
    private final Timers timers;
    private final Clock clock;
    private final Traces traces;
    private final Duration pollInterval;
    private final List<ScheduledFuture<?>> schedules = new CopyOnWriteArrayList<>();

    public ConnectionSignals(SignalStore store, WorkerPool pool, Timers timers, Clock clock, Traces traces,
            IngestorProperties properties) {
        this.store = store;
        this.pool = pool;
        this.timers = timers;
        this.clock = clock;
        this.traces = traces;
        this.pollInterval = properties.ownership().signalPollInterval();
        SingleFlight forgetting = new SingleFlight("forgetting unclaimed connection signals", pool.executor(),
                () -> store.forgetOlderThan(clock.instant().minus(UNCLAIMED)));
        schedules.add(timers.every("forgetting unclaimed connection signals", FORGET_INTERVAL, forgetting::trigger));
    }

    public void post(String connectionId, String kind, String subject) {
        store.post(new ConnectionSignal(connectionId, kind, subject, null, traces.traceparent()), clock.instant());
    }

    /** Hands {@code item} to the instance that runs the connection; the caller keeps it small. */
    public void handOver(String connectionId, String kind, String item) {
        store.post(new ConnectionSignal(connectionId, kind, null, item, traces.traceparent()), clock.instant());
    }

    /**
     * Picks up, at the poll interval, the signals of {@code kind} for the connections {@code running} lists on
     * this instance, and hands each to {@code handler} on a worker thread, in the trace it was posted in.
     */
    public void receive(String kind, Supplier<Collection<String>> running, Consumer<ConnectionSignal> handler) {
        // The timer only triggers; the query and the handling run on worker threads. One pick-up at a time: when
        // the store is slow, ticks fold into the next pick-up instead of piling up threads that each wait for a
        // connection to it.
        SingleFlight pickup = new SingleFlight("picking up " + kind + " signals", pool.executor(), () -> {
            List<ConnectionSignal> signals = store.take(kind, running.get());
            signals.forEach(signal -> pool.submit(kind + " signal for " + signal.connectionId(),
                    () -> traces.within(signal.traceparent(), kind + " signal", () -> handler.accept(signal))));
        });
        schedules.add(timers.every("picking up " + kind + " signals", pollInterval, pickup::trigger));
    }

    @Override
    public void destroy() {
        schedules.forEach(schedule -> schedule.cancel(false));
    }
}
