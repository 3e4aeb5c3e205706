package org.mailtrail.ingestor.sync.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.ConnectionListener;
import org.mailtrail.ingestor.connection.domain.ConnectionSignals;
import org.mailtrail.ingestor.connection.domain.ConnectionWorker;
import org.mailtrail.ingestor.connection.domain.ConnectionWorkers;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.PushState;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.domain.StopReason;
import org.mailtrail.ingestor.graph.MailFolders;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.mailtrail.ingestor.graph.MailboxGraphs;
import org.mailtrail.ingestor.sync.messaging.MailPublisher;
import org.mailtrail.ingestor.sync.store.DeltaStateStore;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import com.microsoft.kiota.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One sync worker per running connection. A notification, the safety-net timer and a resync all just
 * {@link #trigger} the worker; its {@link SingleFlight} runs one delta round at a time and folds the triggers
 * that arrive meanwhile into one more round. Two rounds start at least {@code sync.min-round-gap} apart: at a few
 * mails a second every notification would otherwise start a round of its own, and a round costs a delta page
 * against the mailbox's budget even when it reads one mail.
 */
@Service
@Order(2)
public class DeltaSync implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(DeltaSync.class);

    private final MailboxGraphs graphs;
    private final MailFolders folders;
    private final DeltaStateStore states;
    private final MailPublisher publisher;
    private final PushState push;
    private final WorkerPool pool;
    private final Timers timers;
    private final IngestorProperties.Sync settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ConnectionWorkers<Worker> workers;

    public DeltaSync(MailboxGraphs graphs, MailFolders folders, DeltaStateStore states, MailPublisher publisher,
            PushState push, WorkerPool pool, Timers timers, ConnectionSignals signals, IngestorProperties properties,
            Clock clock, MeterRegistry registry) {
        this.graphs = graphs;
        this.folders = folders;
        this.states = states;
        this.publisher = publisher;
        this.push = push;
        this.pool = pool;
        this.timers = timers;
        this.settings = properties.sync();
        this.clock = clock;
        this.registry = registry;
        this.workers = new ConnectionWorkers<>("sync", signals);
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        if (!connection.graph()) {
            return;
        }
        Worker worker = new Worker(connection, ownership);
        Worker previous = workers.put(connection.id(), worker);
        if (previous != null) {
            previous.stop();
        }
        worker.schedulePoll();
        worker.flight.trigger();
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        if (!connection.graph()) {
            return;
        }
        Worker worker = workers.get(connection.id());
        if (worker != null && worker.connection.equals(connection)) {
            workers.remove(connection.id(), worker);
            worker.stop();
        }
        folders.forget(connection.id());
        if (reason == StopReason.DELETED) {
            states.delete(ownership);
        }
    }

    /** Asks for a delta round of the connection, on whichever instance runs it. */
    public void trigger(String connectionId) {
        workers.wake(connectionId);
    }

    private final class Worker implements ConnectionWorker {
        final FollowedConnection connection;
        final Ownership ownership;
        final SingleFlight flight;
        volatile ScheduledFuture<?> poll;
        volatile ScheduledFuture<?> retry;
        /** Whether this owner stamped the sync state with its epoch; only the flight's one run at a time reads it. */
        private boolean claimed;

        Worker(FollowedConnection connection, Ownership ownership) {
            this.connection = connection;
            this.ownership = ownership;
            this.flight = new SingleFlight("delta round of " + connection.id(), pool.executor(), this::round,
                    new SingleFlight.Spacing(settings.minRoundGap(), clock, (delay, start) -> timers.after(
                            "delta round of " + connection.id() + " at the end of its gap", delay, start)));
        }

        @Override
        public Ownership ownership() {
            return ownership;
        }

        @Override
        public void wake() {
            flight.trigger();
        }

        void schedulePoll() {
            if (flight.isStopped()) {
                return;
            }
            poll = timers.after("safety-net round of " + connection.id(), pollInterval(), () -> {
                flight.trigger();
                schedulePoll();
            });
        }

        Duration pollInterval() {
            if (connection.pollInterval() != null) {
                return connection.pollInterval();
            }
            return push.receiving(connection.id()) ? settings.pollIntervalWithPush() : settings.pollIntervalWithoutPush();
        }

        void stop() {
            flight.stop();
            cancel(poll);
            cancel(retry);
        }

        void round() {
            try {
                if (!claimed) {
                    states.claim(ownership);
                    claimed = true;
                }
                String outcome = new Round(connection, ownership, flight).run();
                count(outcome);
            } catch (StaleOwnerException e) {
                count("stale");
                log.warn("delta round of connection {} stopped: {}", connection.id(), e.getMessage());
                stop();
                ownership.lost();
            } catch (RuntimeException e) {
                count("failed");
                log.warn("delta round of connection {} failed, retrying in {}: {}", connection.id(),
                        settings.retryDelay(), e.toString());
                if (!flight.isStopped()) {
                    retry = timers.after("delta round of " + connection.id() + " again", settings.retryDelay(),
                            flight::trigger);
                }
            }
        }

        private void cancel(ScheduledFuture<?> future) {
            if (future != null) {
                future.cancel(false);
            }
        }
    }

    /**
     * One delta round: pages until the deltaLink, each published before the link after it is stored. Graph may
     * report an item twice in a round (and pages may be empty): each mail is published once per round. A page is
     * published only while the lease is known to be held, and its link stored under the lease's epoch.
     */
    private final class Round {
        private final FollowedConnection connection;
        private final Ownership ownership;
        private final SingleFlight flight;
        private final MailboxGraph graph;
        private final Set<String> published = new HashSet<>();

        Round(FollowedConnection connection, Ownership ownership, SingleFlight flight) {
            this.connection = connection;
            this.ownership = ownership;
            this.flight = flight;
            this.graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        }

        String run() {
            String folder = folders.reference(graph, connection.sourceFolder());
            String link = states.find(connection.id())
                    .filter(state -> state.mailbox().equalsIgnoreCase(connection.mailbox()) && state.folder().equals(folder))
                    .map(DeltaState::link).orElse(null);
            boolean resynced = false;
            while (!flight.isStopped()) {
                DeltaGetResponse page;
                try {
                    page = fetch(folder, link);
                } catch (ApiException e) {
                    if (!resynced && syncStateLost(e)) {
                        // The stored link stays until the resync's first page replaces it: tried again after a
                        // crash, it is refused once more, and the resync starts again.
                        log.info("delta token of connection {} is gone ({}), resyncing the whole folder",
                                connection.id(), e.getResponseStatusCode());
                        resynced = true;
                        link = null;
                        continue;
                    }
                    throw e;
                }
                ownership.check();
                publisher.publish(mails(page).stream().filter(mail -> published.add(mail.immutableId())).toList());
                boolean last = page.getOdataNextLink() == null;
                link = last ? page.getOdataDeltaLink() : page.getOdataNextLink();
                if (link == null) {
                    throw new IllegalStateException("a delta page with neither a nextLink nor a deltaLink");
                }
                if (flight.isStopped()) {
                    // A deleted connection's state must not come back; a stopped one repeats this page later.
                    return "stopped";
                }
                states.save(ownership, new DeltaState(connection.mailbox(), folder, link, last));
                if (last) {
                    return resynced ? "resynced" : "completed";
                }
            }
            return "stopped";
        }

        private DeltaGetResponse fetch(String folder, String link) {
            DeltaRequestBuilder delta = graph.client().users().byUserId(connection.mailbox()).mailFolders()
                    .byMailFolderId(folder).messages().delta();
            Consumer<DeltaRequestBuilder.GetRequestConfiguration> request = config -> {
                MailboxGraph.<DeltaRequestBuilder.GetRequestConfiguration>request("messages.delta",
                        "odata.maxpagesize=" + settings.pageSize(), MailboxGraph.IMMUTABLE_IDS).accept(config);
                config.queryParameters.select = MailMapper.SELECT;
            };
            return graph.call(() -> link == null ? delta.get(request) : delta.withUrl(link).get(request));
        }

        private List<MailReceived> mails(DeltaGetResponse page) {
            Instant now = clock.instant();
            return page.getValue() == null ? List.of() : page.getValue().stream()
                    .map(message -> MailMapper.toMailReceived(connection.id(), message, now))
                    .flatMap(Optional::stream)
                    .toList();
        }
    }

    /** 410 Gone, or the error codes Graph uses when a delta token can no longer be used. */
    static boolean syncStateLost(ApiException e) {
        if (e.getResponseStatusCode() == 410) {
            return true;
        }
        if (e instanceof ODataError error && error.getError() != null && error.getError().getCode() != null) {
            String code = error.getError().getCode();
            return code.equalsIgnoreCase("syncStateNotFound") || code.equalsIgnoreCase("resyncRequired")
                    || code.equalsIgnoreCase("SyncStateInvalid");
        }
        return false;
    }

    private void count(String outcome) {
        Counter.builder("mailtrail.delta.rounds")
                .description("Delta rounds run, by how they ended")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
