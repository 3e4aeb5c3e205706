package org.mailtrail.ingestor.imap.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.ConnectionListener;
import org.mailtrail.ingestor.connection.domain.ConnectionSignals;
import org.mailtrail.ingestor.connection.domain.ConnectionWorker;
import org.mailtrail.ingestor.connection.domain.ConnectionWorkers;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.domain.StopReason;
import org.mailtrail.ingestor.imap.ImapSourceProperties;
import org.mailtrail.ingestor.imap.store.ImapSyncStateStore;
import org.mailtrail.ingestor.imap.store.MailLocationStore;
import org.mailtrail.ingestor.sync.messaging.MailPublisher;
import org.mailtrail.ingestor.work.SingleFlight;
import org.mailtrail.ingestor.work.WorkerPool;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

/**
 * One sync worker per running IMAP connection, like Graph's delta sync: IDLE, the safety-net poll and a disposition
 * that moved mail all {@link #trigger} it, and its {@link SingleFlight} runs one round at a time.
 *
 * <p>A round selects the source folder and compares its UIDVALIDITY with the stored one. Unchanged, it reads the UIDs
 * above the last one published; changed (the folder was made anew, the server lost its state), it reads the whole
 * folder again: the ids depend on the mail, not on its UID, so every mail read again is the same event as before.
 * Each page of UIDs is published (while the lease is known to be held) before the state that covers it is stored
 * under the lease's epoch.
 *
 * <p>IDLE runs on a connection of its own; any answer from the server (EXISTS, EXPUNGE, FETCH) starts a round, and
 * IDLE is issued again every {@code idle-renew} (which alone starts none). A dropped connection is made again after
 * a back-off that doubles from {@code reconnect-initial-delay} to {@code reconnect-max-delay}, each wait drawn at
 * random below its bound (full jitter), and a round follows each reconnection. A server without IDLE is polled only.
 */
@Service
@Order(2)
public class ImapSync implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(ImapSync.class);

    private final ImapConnections connections;
    private final ImapSyncStateStore states;
    private final MailLocationStore locations;
    private final MailPublisher publisher;
    private final ImapCredentialClient credentials;
    private final WorkerPool pool;
    private final Timers timers;
    private final IngestorProperties.Sync sync;
    private final ImapSourceProperties settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ConnectionWorkers<Worker> workers;

    public ImapSync(ImapConnections connections, ImapSyncStateStore states, MailLocationStore locations,
            MailPublisher publisher, ImapCredentialClient credentials, WorkerPool pool, Timers timers,
            ConnectionSignals signals, IngestorProperties properties, ImapSourceProperties settings, Clock clock,
            MeterRegistry registry) {
        this.connections = connections;
        this.states = states;
        this.locations = locations;
        this.publisher = publisher;
        this.credentials = credentials;
        this.pool = pool;
        this.timers = timers;
        this.sync = properties.sync();
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.workers = new ConnectionWorkers<>("imap-sync", signals);
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        if (!connection.imapKind()) {
            return;
        }
        Worker previous = workers.get(connection.id());
        if (previous != null) {
            // Stopped first: the new worker registers the same IDLE gauge.
            workers.remove(connection.id(), previous);
            previous.stop();
        }
        Worker worker = new Worker(connection, ownership);
        workers.put(connection.id(), worker);
        worker.start();
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        if (!connection.imapKind()) {
            return;
        }
        Worker worker = workers.get(connection.id());
        if (worker != null && worker.connection.equals(connection)) {
            workers.remove(connection.id(), worker);
            worker.stop();
        }
        credentials.forget(connection.id());
        if (reason == StopReason.DELETED) {
            states.delete(ownership);
        }
    }

    /** Asks for a round of the connection, on whichever instance runs it. */
    public void trigger(String connectionId) {
        workers.wake(connectionId);
    }

    /** The server and account a sync state belongs to. */
    static String server(ImapSettings imap) {
        return imap.host() + ":" + imap.port() + "|" + imap.username();
    }

    private final class Worker implements ConnectionWorker {
        final FollowedConnection connection;
        final Ownership ownership;
        final SingleFlight flight;
        volatile boolean stopped;
        /** Whether IDLE works for the connection; until known, the poll is as frequent as without it. */
        volatile boolean idleWorks;
        volatile ScheduledFuture<?> poll;
        volatile ScheduledFuture<?> retry;
        volatile ScheduledFuture<?> renew;
        volatile ImapConnections.Lease idleConnection;
        /** 1 while the source folder is watched with IDLE, else 0. */
        final AtomicInteger idling = new AtomicInteger();
        final Gauge idle;
        private int reconnects;
        /** Rounds failed in a row; only the flight's one run at a time reads and writes it. */
        private int failedRounds;
        private boolean claimed;

        Worker(FollowedConnection connection, Ownership ownership) {
            this.connection = connection;
            this.ownership = ownership;
            this.flight = new SingleFlight("IMAP round of " + connection.id(), pool.executor(), this::round,
                    new SingleFlight.Spacing(sync.minRoundGap(), clock, (delay, start) -> timers.after(
                            "IMAP round of " + connection.id() + " at the end of its gap", delay, start)));
            this.idle = Gauge.builder("mailtrail.imap.idle.active", idling, AtomicInteger::get)
                    .description("1 while the connection's source folder is watched with IDLE, else 0")
                    .tag("connection", connection.id()).register(registry);
        }

        @Override
        public Ownership ownership() {
            return ownership;
        }

        @Override
        public void wake() {
            flight.trigger();
        }

        void start() {
            flight.trigger();
            schedulePoll();
            pool.executor().execute(this::watch);
        }

        void stop() {
            stopped = true;
            flight.stop();
            cancel(poll);
            cancel(retry);
            cancel(renew);
            registry.remove(idle);
            ImapConnections.Lease lease = idleConnection;
            if (lease != null) {
                // Closed on a thread of its own: ending IDLE waits for the server's answer.
                pool.submit("closing the IDLE connection of " + connection.id(), lease::close);
            }
        }

        void schedulePoll() {
            if (stopped) {
                return;
            }
            poll = timers.after("safety-net IMAP round of " + connection.id(), pollInterval(), () -> {
                flight.trigger();
                schedulePoll();
            });
        }

        Duration pollInterval() {
            if (connection.pollInterval() != null) {
                return connection.pollInterval();
            }
            return idleWorks ? settings.pollIntervalWithIdle() : settings.pollIntervalWithoutIdle();
        }

        /** One IDLE connection's life: made, idling until it drops or the worker stops, made again after a wait. */
        void watch() {
            if (stopped) {
                return;
            }
            boolean idled = false;
            try (ImapConnections.Lease lease = connections.openForIdle(connection)) {
                idleConnection = lease;
                if (stopped) {
                    return;
                }
                IMAPStore store = lease.store();
                if (!store.hasCapability("IDLE")) {
                    log.warn("the IMAP server of connection {} does not offer IDLE: its source folder is polled every {}",
                            connection.id(), pollInterval());
                    return;
                }
                IMAPFolder folder = ImapFolders.find(store, connection.sourceFolder()).orElseThrow(
                        () -> new MessagingException("source folder '" + connection.sourceFolder() + "' not found"));
                // What the server says while idling (EXISTS, EXPUNGE, FETCH) starts a round; ending IDLE to issue it
                // again does not, unless the server said something meanwhile.
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent event) {
                        flight.trigger();
                    }

                    @Override
                    public void messagesRemoved(MessageCountEvent event) {
                        flight.trigger();
                    }
                });
                folder.addMessageChangedListener(event -> flight.trigger());
                folder.open(Folder.READ_ONLY);
                idleWorks = true;
                idled = true;
                idling.set(1);
                reconnects = 0;
                renew = timers.every("renewing IDLE of " + connection.id(), settings.idleRenew(),
                        () -> pool.submit("renewing IDLE of " + connection.id(), () -> endIdle(folder)));
                // What arrived while no IDLE listened.
                flight.trigger();
                while (!stopped && folder.isOpen()) {
                    folder.idle(true);
                }
            } catch (MessagingException | RuntimeException e) {
                if (!stopped) {
                    reconnect(e);
                }
            } finally {
                if (idled) {
                    idling.set(0);
                }
                idleConnection = null;
                cancel(renew);
            }
        }

        private void endIdle(IMAPFolder folder) {
            try {
                // Any command on the folder ends the IDLE in progress (DONE); the watcher then issues it again.
                folder.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
                Counter.builder("mailtrail.imap.idle.renewals")
                        .description("IDLE commands ended and issued again after idle-renew")
                        .tag("connection", connection.id()).register(registry).increment();
            } catch (MessagingException e) {
                log.debug("renewing IDLE of {}: {}", connection.id(), e.toString());
            }
        }

        private void reconnect(Exception cause) {
            reconnects++;
            Counter.builder("mailtrail.imap.idle.reconnects")
                    .description("IDLE connections made again after they dropped or could not be made")
                    .register(registry).increment();
            Duration wait = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay())
                    .anywhereBelow(reconnects);
            log.info("IDLE connection of {} lost ({}); connecting again in {} ms", connection.id(), cause.toString(),
                    wait.toMillis());
            timers.after("IDLE of " + connection.id() + " again", wait, () -> pool.executor().execute(this::watch));
        }

        void round() {
            try {
                if (!claimed) {
                    states.claim(ownership);
                    claimed = true;
                }
                count(new Round(connection, ownership, flight).run());
                failedRounds = 0;
            } catch (StaleOwnerException e) {
                count("stale");
                log.warn("IMAP round of connection {} stopped: {}", connection.id(), e.getMessage());
                stop();
                ownership.lost();
            } catch (MessagingException | RuntimeException e) {
                count("failed");
                // A server that answers NO or BYE, or is down, is asked less and less often, up to the IDLE
                // connection's longest wait, each wait drawn at random in the upper half of its bound.
                failedRounds++;
                Duration wait = new Backoff(sync.retryDelay(), settings.reconnectMaxDelay()).inUpperHalf(failedRounds);
                log.warn("IMAP round of connection {} failed ({} in a row), retrying in {} ms: {}", connection.id(),
                        failedRounds, wait.toMillis(), e.toString());
                if (!flight.isStopped()) {
                    retry = timers.after("IMAP round of " + connection.id() + " again", wait, flight::trigger);
                }
            }
        }

        private void cancel(ScheduledFuture<?> future) {
            if (future != null) {
                future.cancel(false);
            }
        }
    }

    /** One round: the new UIDs (or, after a UIDVALIDITY change, all of them) page by page. */
    private final class Round {
        private final FollowedConnection connection;
        private final Ownership ownership;
        private final SingleFlight flight;

        Round(FollowedConnection connection, Ownership ownership, SingleFlight flight) {
            this.connection = connection;
            this.ownership = ownership;
            this.flight = flight;
        }

        String run() throws MessagingException {
            try (ImapConnections.Lease lease = connections.open(connection)) {
                IMAPStore store = lease.store();
                IMAPFolder folder = ImapFolders.find(store, connection.sourceFolder()).orElseThrow(
                        () -> new MessagingException("source folder '" + connection.sourceFolder() + "' not found"));
                folder.open(Folder.READ_ONLY);
                long uidValidity = folder.getUIDValidity();
                String server = server(connection.imap());
                Optional<ImapSyncState> stored = states.find(connection.id())
                        .filter(s -> s.server().equals(server) && s.folder().equals(connection.sourceFolder()));
                boolean resync = stored.isPresent() && stored.get().uidValidity() != uidValidity;
                long lastUid = stored.filter(s -> s.uidValidity() == uidValidity).map(ImapSyncState::lastUid).orElse(0L);
                if (resync) {
                    log.info("UIDVALIDITY of connection {}'s folder {} changed ({} → {}): reading the whole folder again",
                            connection.id(), folder.getFullName(), stored.get().uidValidity(), uidValidity);
                }
                long modSeq = store.hasCapability("CONDSTORE") ? folder.getHighestModSeq() : 0;
                List<IMAPMessage> fresh = newer(folder, lastUid);
                if (fresh.isEmpty() && (stored.isEmpty() || resync)) {
                    ownership.check();
                    states.save(ownership, new ImapSyncState(server, connection.sourceFolder(), uidValidity, lastUid,
                            modSeq));
                }
                for (int from = 0; from < fresh.size(); from += settings.pageSize()) {
                    if (flight.isStopped()) {
                        return "stopped";
                    }
                    List<IMAPMessage> page = fresh.subList(from, Math.min(fresh.size(), from + settings.pageSize()));
                    lastUid = publish(folder, page, uidValidity);
                    if (flight.isStopped()) {
                        return "stopped";
                    }
                    states.save(ownership, new ImapSyncState(server, connection.sourceFolder(), uidValidity, lastUid,
                            modSeq));
                }
                return resync ? "resynced" : "completed";
            }
        }

        /** The messages above the last UID, oldest first ({@code UID FETCH n:*} also answers the last one below n). */
        private List<IMAPMessage> newer(IMAPFolder folder, long lastUid) throws MessagingException {
            Message[] found = folder.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
            List<IMAPMessage> fresh = new ArrayList<>();
            for (Message message : found) {
                if (message != null && folder.getUID(message) > lastUid) {
                    fresh.add((IMAPMessage) message);
                }
            }
            fresh.sort(Comparator.comparingLong(m -> uid(folder, m)));
            return fresh;
        }

        private long publish(IMAPFolder folder, List<IMAPMessage> page, long uidValidity) throws MessagingException {
            ImapMails.prefetch(folder, page.toArray(Message[]::new));
            List<Long> uids = new ArrayList<>();
            for (IMAPMessage message : page) {
                uids.add(folder.getUID(message));
            }
            Map<Long, ImapMails.Structure> structures = ImapMails.structures(folder, uids);
            Instant now = clock.instant();
            List<MailReceived> mails = new ArrayList<>();
            List<MailLocation> seen = new ArrayList<>();
            long highest = 0;
            for (int i = 0; i < page.size(); i++) {
                long uid = uids.get(i);
                MailReceived mail = ImapMails.toMailReceived(connection, folder, page.get(i), uidValidity, now,
                        structures.get(uid));
                highest = Math.max(highest, uid);
                seen.add(new MailLocation(connection.id(), mail.immutableId(), mail.internetMessageId(),
                        folder.getFullName(), uidValidity, uid));
                mails.add(mail);
            }
            locations.recordAll(seen);
            ownership.check();
            publisher.publish(mails);
            return highest;
        }
    }

    private static long uid(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("a fetched message without its UID", e);
        }
    }

    private void count(String outcome) {
        Counter.builder("mailtrail.imap.rounds")
                .description("IMAP sync rounds run, by how they ended")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
