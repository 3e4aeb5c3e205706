package org.mailtrail.ingestor.sync.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.ConnectionListener;
import org.mailtrail.ingestor.connection.domain.ConnectionSignal;
import org.mailtrail.ingestor.connection.domain.ConnectionSignals;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.connection.domain.StaleOwnerException;
import org.mailtrail.ingestor.connection.domain.StopReason;
import org.mailtrail.ingestor.graph.EncryptedMessages;
import org.mailtrail.ingestor.graph.UnreadableNotificationException;
import org.mailtrail.ingestor.sync.messaging.MailPublisher;
import org.mailtrail.ingestor.work.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import com.microsoft.graph.models.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes the mail a rich notification carries, without a request to Graph: on the instance that runs the
 * connection, once its lease is known to be held, through the publisher a delta page goes through and mapped as a
 * delta page's mail is, so a mail read from its notification and again by a later round is one event under one id.
 * An item that reaches another instance is handed to the owner as it came, still encrypted, in a signal, unless it is
 * larger than a signal may carry. Whatever cannot be used asks for a delta round instead, which reads the mail.
 */
@Service
@Order(4)
public class NotifiedMail implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(NotifiedMail.class);

    static final String SIGNAL = "notified-mail";
    /**
     * The largest item a signal carries, in characters of its JSON (the selected properties of one mail, encrypted:
     * a few KB unless it has very many recipients); a larger one is handed over as a plain trigger for a round.
     */
    static final int MAX_HANDED_OVER = 16 * 1024;

    private final EncryptedMessages messages;
    private final MailPublisher publisher;
    private final DeltaSync sync;
    private final ConnectionSignals signals;
    private final WorkerPool pool;
    private final Clock clock;
    private final MeterRegistry registry;
    /** The leases of the connections this instance runs. */
    private final Map<String, Ownership> running = new ConcurrentHashMap<>();

    public NotifiedMail(EncryptedMessages messages, MailPublisher publisher, DeltaSync sync, ConnectionSignals signals,
            WorkerPool pool, Clock clock, MeterRegistry registry) {
        this.messages = messages;
        this.publisher = publisher;
        this.sync = sync;
        this.signals = signals;
        this.pool = pool;
        this.clock = clock;
        this.registry = registry;
        signals.receive(SIGNAL, this::heldHere, this::take);
    }

    @Override
    public void started(FollowedConnection connection, Ownership ownership) {
        if (!connection.graph()) {
            return;
        }
        running.put(connection.id(), ownership);
    }

    @Override
    public void stopped(FollowedConnection connection, Ownership ownership, StopReason reason) {
        if (!connection.graph()) {
            return;
        }
        running.remove(connection.id(), ownership);
    }

    /**
     * One rich notification's mail for the connection, as Graph sent it (the JSON of its {@code encryptedContent} and
     * {@code resourceData}); published here or handed to the instance that runs the connection. Returns at once.
     */
    public void receive(String connectionId, String item) {
        Optional<Ownership> here = heldHere(connectionId);
        if (here.isPresent()) {
            pool.submit("publishing the notified mail of " + connectionId, () -> publish(connectionId, here.get(), item));
        } else if (item.length() > MAX_HANDED_OVER) {
            unusable(connectionId, "too_large_to_hand_over", 1);
        } else {
            signals.handOver(connectionId, SIGNAL, item);
            count("handed_over", 1);
        }
    }

    /**
     * Items of the connection whose mail cannot be taken from them: counted under {@code reason}, and a delta round
     * of the connection reads the mail instead.
     */
    public void unusable(String connectionId, String reason, int items) {
        count(reason, items);
        sync.trigger(connectionId);
    }

    private void take(ConnectionSignal signal) {
        Optional<Ownership> here = heldHere(signal.connectionId());
        if (here.isEmpty() || signal.item() == null) {
            // The lease moved on since the signal was picked up: the new owner's round reads the mail.
            unusable(signal.connectionId(), "stale", 1);
            return;
        }
        publish(signal.connectionId(), here.get(), signal.item());
    }

    private void publish(String connectionId, Ownership ownership, String item) {
        Message message;
        try {
            message = messages.read(item);
        } catch (UnreadableNotificationException e) {
            log.warn("the mail of a rich notification of connection {} cannot be used ({}), a delta round reads it: {}",
                    connectionId, e.reason().tag(), e.getMessage());
            unusable(connectionId, e.reason().tag(), 1);
            return;
        }
        Optional<MailReceived> mail = MailMapper.toMailReceived(connectionId, message, clock.instant());
        if (mail.isEmpty()) {
            unusable(connectionId, "no_internet_message_id", 1);
            return;
        }
        try {
            ownership.check();
            publisher.publish(List.of(mail.get()));
            count("published", 1);
        } catch (StaleOwnerException e) {
            ownership.lost();
            unusable(connectionId, "stale", 1);
        } catch (RuntimeException e) {
            log.warn("the mail of a rich notification of connection {} could not be published, a delta round reads it "
                    + "again: {}", connectionId, e.toString());
            unusable(connectionId, "publish_failed", 1);
        }
    }

    private Optional<Ownership> heldHere(String connectionId) {
        return Optional.ofNullable(running.get(connectionId)).filter(Ownership::held);
    }

    /** The connections this instance runs under a lease known to be held: the signals it takes. */
    private Collection<String> heldHere() {
        return running.entrySet().stream().filter(entry -> entry.getValue().held()).map(Map.Entry::getKey).toList();
    }

    private void count(String outcome, int items) {
        Counter.builder("mailtrail.rich.notifications")
                .description("Mail carried in rich notifications, by what became of it")
                .tag("outcome", outcome)
                .register(registry)
                .increment(items);
    }
}
